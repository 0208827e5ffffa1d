using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

public sealed record DevTokenRequest(string? Role, string? Commune, string? Agency, string? Subject);

public sealed record DevTokenResponse(string AccessToken, string TokenType, Instant ExpiresAt, string Role, string? Commune, string? Agency);

/// <summary>Hands out signed tokens for local development and tests; mapped only when Auth:DevTokens:Enabled is true.</summary>
public static class DevTokenApi
{
    public static IEndpointRouteBuilder MapDevTokenApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens.Enabled) return app;
        app.MapPost("/dev/token", IssueToken).WithTags("Development").WithName("IssueDevToken").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead)
            .Accepts<DevTokenRequest>("application/json").Produces<DevTokenResponse>().ProducesValidationProblem();
        return app;
    }

    /// <summary>The body is read as every other one is (<see cref="JsonBody"/>): model binding answers an unknown charset with a 500.</summary>
    private static async Task<IResult> IssueToken(HttpRequest http, IOptions<AuthOptions> auth, ReferenceData reference, IClock clock)
    {
        var body = await JsonBody.ReadAsync<DevTokenRequest>(http);
        if (body.Error is not null) return body.Error;
        var request = body.Value!;
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null) return Problems.Invalid("role", $"role must be one of {string.Join(", ", Roles.All)}");
        var now = clock.GetCurrentInstant();
        string? commune = null, agency = null;
        if (role == Roles.CommuneOfficer)
        {
            commune = request.Commune;
            if (commune is null || reference.UnitInForce(commune, ReferenceData.DateOf(now)) is not { Level: UnitLevel.Commune })
                return Problems.Invalid("commune", "a CommuneOfficer token needs the code of a commune in force");
        }
        if (role == Roles.AgencyStaff)
        {
            agency = request.Agency;
            if (agency is null || !reference.Agencies.ContainsKey(agency))
                return Problems.Invalid("agency", "an AgencyStaff token needs a known agency code");
        }

        var options = auth.Value;
        var expires = now + Duration.FromMinutes(options.DevTokens.LifetimeMinutes);
        var claims = new Dictionary<string, object>
        {
            [ClaimNames.Subject] = request.Subject ?? $"dev-{role.ToLowerInvariant()}-{commune ?? agency ?? "province"}",
            [options.RoleClaim] = role,
        };
        if (commune is not null) claims[ClaimNames.Commune] = commune;
        if (agency is not null) claims[ClaimNames.Agency] = agency;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = expires.ToDateTimeUtc(),
            Claims = claims,
            SigningCredentials = new SigningCredentials(AuthSetup.SigningKey(options), SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", expires, role, commune, agency));
    }
}
