using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BacGiang.Incidents.Tests.EndToEnd;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>Which bearer tokens the API accepts, and for how long a live stream trusts one (issue 13).</summary>
[Collection(SystemCollection.Name)]
public sealed class TokenTests(SystemFixture system)
{
    private const string Commune = "07642";

    private static string Token(string algorithm = SecurityAlgorithms.HmacSha256, string? subject = "officer-token-test", TimeSpan? lifetime = null, bool expires = true)
    {
        var claims = new Dictionary<string, object> { ["role"] = "CommuneOfficer", ["commune"] = Commune };
        if (subject is not null) claims["sub"] = subject;
        var now = DateTime.UtcNow;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SystemFixture.SigningKey));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "bacgiang-incidents",
            Audience = "bacgiang-incidents-api",
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = expires ? now + (lifetime ?? TimeSpan.FromMinutes(10)) : null,
            Claims = claims,
            SigningCredentials = algorithm == SecurityAlgorithms.None ? null : new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>
    /// The same claims signed by hand with another HMAC over the same key: the library would not sign with a key this
    /// short for HS384/HS512, but an attacker's tooling will.
    /// </summary>
    private static string Resigned(string algorithm)
    {
        var parts = Token().Split('.');
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{algorithm}}","typ":"JWT"}""");
        var signed = Encoding.ASCII.GetBytes($"{header}.{parts[1]}");
        var key = Encoding.UTF8.GetBytes(SystemFixture.SigningKey);
        var signature = algorithm switch
        {
            "HS384" => System.Security.Cryptography.HMACSHA384.HashData(key, signed),
            "HS512" => System.Security.Cryptography.HMACSHA512.HashData(key, signed),
            _ => [],
        };
        return $"{header}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }

    private async Task<HttpStatusCode> Me(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await system.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_well_formed_token_is_accepted_so_the_refusals_below_are_about_what_they_change()
        => Assert.Equal(HttpStatusCode.OK, await Me(Token()));

    [Theory]
    [InlineData("HS512")]
    [InlineData("HS384")]
    [InlineData("none")]
    public async Task A_token_signed_with_any_algorithm_but_the_pinned_one_is_refused(string algorithm)
        => Assert.Equal(HttpStatusCode.Unauthorized, await Me(Resigned(algorithm)));

    [Fact]
    public async Task A_token_that_names_no_subject_is_refused()
        => Assert.Equal(HttpStatusCode.Unauthorized, await Me(Token(subject: null)));

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
        => Assert.Equal(HttpStatusCode.Unauthorized, await Me(Token(expires: false)));

    [Fact]
    public async Task A_live_stream_ends_when_its_token_expires()
    {
        using var http = new HttpClient { BaseAddress = system.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/live/communes/{Commune}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(lifetime: TimeSpan.FromSeconds(4)));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Read to the end: the server closes the stream at the token's expiry (the client's timeout is only a backstop).
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(": following", text);
        Assert.EndsWith("event: expired\ndata: {}\n\n", text);
    }
}

/// <summary>Which algorithms are pinned when none are configured.</summary>
public sealed class TokenAlgorithmTests
{
    [Fact]
    public void A_shared_key_pins_HS256_and_an_identity_provider_pins_RS256()
    {
        Assert.Equal(["HS256"], new BacGiang.Incidents.Api.Auth.AuthOptions { SigningKey = new string('k', 32) }.Algorithms());
        Assert.Equal(["RS256"], new BacGiang.Incidents.Api.Auth.AuthOptions { Authority = "https://id.example" }.Algorithms());
        Assert.Equal(["ES256"], new BacGiang.Incidents.Api.Auth.AuthOptions { Authority = "https://id.example", ValidAlgorithms = ["ES256"] }.Algorithms());
    }
}
