using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BacGiang.Incidents.Api.Auth;

public static class AuthSetup
{
    public const string StaffPolicy = "staff";
    public const string SupervisorPolicy = "supervisor";
    public const string AdminPolicy = "admin";

    public static IHostApplicationBuilder AddIncidentAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            // Anyone who reaches /dev/token gets an Admin token: only ever on a developer's machine.
            .Validate(o => !o.DevTokens.Enabled || builder.Environment.IsDevelopment(),
                $"Auth:DevTokens:Enabled mints Admin tokens for anyone: it is refused outside the Development environment (ASPNETCORE_ENVIRONMENT is '{builder.Environment.EnvironmentName}').")
            .ValidateOnStart();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                var o = auth.Value;
                jwt.MapInboundClaims = false;
                if (!string.IsNullOrEmpty(o.Authority)) jwt.Authority = o.Authority;
                jwt.RequireHttpsMetadata = o.RequireHttpsMetadata;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = o.Issuer,
                    ValidAudience = o.Audience,
                    RoleClaimType = o.RoleClaim,
                    NameClaimType = ClaimNames.Subject,
                    IssuerSigningKey = string.IsNullOrEmpty(o.SigningKey) ? null : SigningKey(o),
                    ValidAlgorithms = o.Algorithms(),
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(o.ClockSkewSeconds),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context => DashboardSession.FromCookie(context, Infrastructure.ApiTelemetry.DashboardPath),
                    // Every action is recorded against the token's subject: a token that names no one acts as no one.
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(ClaimNames.Subject)?.Value)) context.Fail("The token has no subject (sub).");
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.All))
            .AddPolicy(SupervisorPolicy, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey!));
}
