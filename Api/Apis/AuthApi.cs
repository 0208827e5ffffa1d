using System.Security.Claims;
using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Apis;

/// <summary>How the console may sign in: at the province's identity provider, with development tokens, or both.</summary>
/// <remarks>
/// <see cref="ProviderUnavailable"/> says why the provider's sign-in cannot be offered right now (its metadata is out
/// of reach); the answer still says whether development sign-in works, so a local console stays usable.
/// </remarks>
public sealed record SignInOptions(bool DevTokens, IdentityProviderSignIn? Provider, string? ProviderUnavailable = null);

/// <summary>What a browser needs for the authorization code flow with PKCE, read from the provider's metadata.</summary>
public sealed record IdentityProviderSignIn(
    string Issuer, string ClientId, string Scope, string AuthorizationEndpoint, string TokenEndpoint, string? EndSessionEndpoint);

/// <summary>The signed-in user as the API understands the token: what scoping will be decided on.</summary>
public sealed record Me(string Subject, string? Name, string Role, string? Commune, string? Agency);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/options", GetSignInOptions).WithTags("Auth").WithName("GetSignInOptions").AllowAnonymous()
            .Produces<SignInOptions>().RequireRateLimiting(RateLimits.PublicRead);
        // Any valid token reaches GetMe, so one without a usable role hears why rather than a bare 403.
        app.MapGet("/api/me", GetMe).WithTags("Auth").WithName("GetMe").RequireAuthorization()
            .Produces<Me>().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> GetSignInOptions(
        IOptions<AuthOptions> auth, IOptionsMonitor<JwtBearerOptions> jwt, ILoggerFactory loggers, CancellationToken ct)
    {
        var o = auth.Value;
        if (string.IsNullOrEmpty(o.Console.ClientId) || jwt.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not { } metadata)
            return TypedResults.Ok(new SignInOptions(o.DevTokens.Enabled, null));
        try
        {
            // The same metadata the API validates tokens with, so the browser never needs CORS on the discovery document.
            var provider = await metadata.GetConfigurationAsync(ct);
            return TypedResults.Ok(new SignInOptions(o.DevTokens.Enabled, new IdentityProviderSignIn(
                provider.Issuer, o.Console.ClientId, o.Console.Scope, provider.AuthorizationEndpoint, provider.TokenEndpoint,
                string.IsNullOrEmpty(provider.EndSessionEndpoint) ? null : provider.EndSessionEndpoint)));
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            loggers.CreateLogger(typeof(AuthApi)).LogWarning(e, "Identity provider {Authority} unreachable", o.Authority);
            return TypedResults.Ok(new SignInOptions(o.DevTokens.Enabled, null,
                $"The identity provider at {o.Authority} cannot be reached; try again shortly."));
        }
    }

    private static IResult GetMe(ClaimsPrincipal user) =>
        user.ToActor() is { } actor
            ? TypedResults.Ok(new Me(actor.Id, user.FindFirstValue(ClaimNames.Name), actor.Role.ToString(), actor.Commune, actor.Agency))
            : Problems.Forbidden("The token names no usable role with its commune or agency: ask the administrator of the identity provider.");
}
