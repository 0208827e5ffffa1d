using System.ComponentModel.DataAnnotations;
using Microsoft.IdentityModel.Tokens;

namespace BacGiang.Incidents.Api.Auth;

/// <summary>
/// JWT bearer settings. Either <see cref="Authority"/> (the province's identity provider, keys from its metadata)
/// or <see cref="SigningKey"/> (a shared HS256 key, as the local set-up and the tests use).
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    [Required] public string Issuer { get; set; } = "";
    [Required] public string Audience { get; set; } = "";
    public string? Authority { get; set; }
    public string? SigningKey { get; set; }
    /// <summary>Only a development identity provider on plain http needs this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The claim carrying roles: identity providers differ (Keycloak needs a mapper to a flat claim).</summary>
    [Required] public string RoleClaim { get; set; } = ClaimNames.Role;
    /// <summary>
    /// The signature algorithms accepted; anything else (none, or a symmetric algorithm where the provider signs with a
    /// key pair) is refused. Empty: HS256 with <see cref="SigningKey"/>, RS256 with <see cref="Authority"/>.
    /// </summary>
    public List<string> ValidAlgorithms { get; set; } = [];
    /// <summary>Leeway for the clocks of the identity provider and this host; a token is refused this long after it expires.</summary>
    [Range(0, 300)] public int ClockSkewSeconds { get; set; } = 30;
    public ConsoleSignInOptions Console { get; set; } = new();
    public DevTokenOptions DevTokens { get; set; } = new();

    public IReadOnlyList<string> Algorithms() =>
        ValidAlgorithms.Count > 0 ? ValidAlgorithms : string.IsNullOrEmpty(Authority) ? [SecurityAlgorithms.HmacSha256] : [SecurityAlgorithms.RsaSha256];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Authority) && (SigningKey is null || SigningKey.Length < 32))
            yield return new ValidationResult("Set Auth:Authority, or Auth:SigningKey of at least 32 characters.", [nameof(SigningKey)]);
        if (!string.IsNullOrEmpty(Console.ClientId) && string.IsNullOrEmpty(Authority))
            yield return new ValidationResult("Auth:Console:ClientId signs the console in at Auth:Authority; set that too.", [nameof(Console)]);
        if (DevTokens.Enabled && string.IsNullOrEmpty(SigningKey))
            yield return new ValidationResult("Auth:DevTokens:Enabled needs Auth:SigningKey to sign with.", [nameof(DevTokens)]);
        if (DevTokens.Enabled && !string.IsNullOrEmpty(Authority))
            yield return new ValidationResult(
                "Auth:DevTokens:Enabled cannot be on beside Auth:Authority: tokens minted here would be accepted next to the identity provider's.", [nameof(DevTokens)]);
    }
}

public sealed class DevTokenOptions
{
    /// <summary>Off unless configured: the local run script and the tests turn it on, a deployment never should.</summary>
    public bool Enabled { get; set; }

    [Range(1, 24 * 60)] public int LifetimeMinutes { get; set; } = 8 * 60;
}

/// <summary>The web console signs in at <see cref="AuthOptions.Authority"/> as a public client (authorization code + PKCE).</summary>
public sealed class ConsoleSignInOptions
{
    /// <summary>The console's client id at the identity provider; without it the console offers no provider sign-in.</summary>
    public string? ClientId { get; set; }

    public string Scope { get; set; } = "openid profile";
}
