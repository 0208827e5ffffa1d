using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A stand-in for the province's OpenID Connect provider, over real HTTP on a free port: discovery, signing keys, a
/// login form, and a token endpoint that checks PKCE the way RFC 7636 says. It signs RS256 access tokens with
/// the claims the API reads (role, commune, agency), so the API validates them exactly as it would a real one's.
/// </summary>
public sealed class FakeIdentityProvider : LocalHttpServer
{
    public const string ClientId = "incidents-console";
    public const string Audience = "bacgiang-incidents-api";

    private sealed record Grant(string User, string RedirectUri, string Challenge);

    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private readonly ConcurrentDictionary<string, Grant> codes = new();
    private readonly Dictionary<string, Dictionary<string, object>> users;
    private int exchanges;
    private int refusals;
    private int logouts;

    public FakeIdentityProvider(Dictionary<string, Dictionary<string, object>> users)
    {
        this.users = users;
    }
    public string Issuer => $"http://127.0.0.1:{Port}/realms/bacgiang";
    /// <summary>Codes traded for tokens with a verifier matching their challenge.</summary>
    public int Exchanges => Volatile.Read(ref exchanges);
    /// <summary>Token requests refused (unknown or reused code, wrong verifier, wrong client or redirect).</summary>
    public int Refusals => Volatile.Read(ref refusals);
    public int Logouts => Volatile.Read(ref logouts);

    /// <summary>An access token for <paramref name="user"/>, signed with this provider's key or, if forged, another one.</summary>
    public string AccessToken(string user, bool forged = false) =>
        Sign(new Dictionary<string, object>(users[user]) { ["sub"] = user }, Audience, forged ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId } : key);

    private string Sign(Dictionary<string, object> claims, string audience, SecurityKey signingKey) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });

    protected override async Task Handle(HttpListenerRequest request, HttpListenerResponse response)
    {
        var realm = "/realms/bacgiang";
        switch (request.Url!.AbsolutePath)
        {
            case var p when p == realm + "/.well-known/openid-configuration":
                await Json(response, new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = Issuer + "/auth",
                    ["token_endpoint"] = Issuer + "/token",
                    ["end_session_endpoint"] = Issuer + "/logout",
                    ["jwks_uri"] = Issuer + "/certs",
                    ["response_types_supported"] = new[] { "code" },
                    ["code_challenge_methods_supported"] = new[] { "S256" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                });
                break;
            case var p when p == realm + "/certs":
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
                await Json(response, new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
                break;
            case var p when p == realm + "/auth" && request.HttpMethod == "GET":
                await LoginForm(request, response);
                break;
            case var p when p == realm + "/auth" && request.HttpMethod == "POST":
                await Login(request, response);
                break;
            case var p when p == realm + "/token":
                await Token(request, response);
                break;
            case var p when p == realm + "/logout":
                Interlocked.Increment(ref logouts);
                response.Redirect(request.QueryString["post_logout_redirect_uri"] ?? "/");
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    private static async Task LoginForm(HttpListenerRequest request, HttpListenerResponse response)
    {
        var q = request.QueryString;
        if (q["response_type"] != "code" || q["client_id"] != ClientId || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
        {
            response.StatusCode = 400;
            await Text(response, "text/plain", "invalid_request: code flow with S256 PKCE and a known client only");
            return;
        }
        // Everything the authorization request said rides along in hidden fields, as real providers keep it in a session.
        var hidden = string.Concat(new[] { "redirect_uri", "state", "code_challenge" }
            .Select(name => $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(q[name])}\">"));
        await Text(response, "text/html; charset=utf-8", $"""
            <!doctype html><html lang="en"><head><title>Province sign-in</title></head><body><main>
            <form method="post"><label for="username">Username</label><input id="username" name="username">{hidden}
            <button type="submit">Sign in</button></form></main></body></html>
            """);
    }

    private async Task Login(HttpListenerRequest request, HttpListenerResponse response)
    {
        var form = await Form(request);
        var user = form["username"] ?? "";
        if (!users.ContainsKey(user))
        {
            response.StatusCode = 401;
            await Text(response, "text/plain", "unknown user");
            return;
        }
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        codes[code] = new Grant(user, form["redirect_uri"]!, form["code_challenge"]!);
        response.Redirect($"{form["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(form["state"] ?? "")}");
    }

    private async Task Token(HttpListenerRequest request, HttpListenerResponse response)
    {
        // The console calls from its own origin: without this header the browser would hide the answer from it.
        if (request.Headers["Origin"] is { } origin) response.AddHeader("Access-Control-Allow-Origin", origin);
        var form = await Form(request);
        var verifier = form["code_verifier"] ?? "";
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId
            || !codes.TryRemove(form["code"] ?? "", out var grant) || grant.RedirectUri != form["redirect_uri"] || grant.Challenge != challenge)
        {
            Interlocked.Increment(ref refusals);
            response.StatusCode = 400;
            await Json(response, new { error = "invalid_grant" });
            return;
        }
        Interlocked.Increment(ref exchanges);
        var claims = new Dictionary<string, object>(users[grant.User]) { ["sub"] = grant.User };
        await Json(response, new
        {
            access_token = Sign(claims, Audience, key),
            id_token = Sign(new Dictionary<string, object> { ["sub"] = grant.User }, ClientId, key),
            token_type = "Bearer",
            expires_in = 3600,
        });
    }

    private static async Task<System.Collections.Specialized.NameValueCollection> Form(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
    }

    private static Task Json(HttpListenerResponse response, object body) =>
        Text(response, "application/json", JsonSerializer.Serialize(body));
}
