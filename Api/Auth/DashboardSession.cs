using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BacGiang.Incidents.Api.Auth;

/// <summary>
/// The Orleans dashboard is a page a browser opens, not a call the console makes with its bearer token: an admin's
/// console first hands its token over to an HttpOnly cookie that only /dashboard receives (SameSite=Strict, no
/// longer than the token), and the JWT handler reads it there. The token is checked exactly as in the header.
/// </summary>
public static class DashboardSession
{
    public const string Cookie = "bg_dashboard";

    public static IEndpointRouteBuilder MapDashboardSession(this IEndpointRouteBuilder app, string dashboardPath)
    {
        app.MapPost("/api/auth/dashboard-session", (HttpContext http) => Open(http, dashboardPath))
            .WithTags("Auth").WithName("OpenDashboardSession").RequireAuthorization(AuthSetup.AdminPolicy)
            .WithSummary("Admins: sets the cookie the Orleans dashboard at /dashboard is opened with, for the token's remaining life.");
        return app;
    }

    private static NoContent Open(HttpContext http, string dashboardPath)
    {
        var token = http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var expires = long.TryParse(http.User.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : (DateTimeOffset?)null;
        http.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            Path = dashboardPath,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Expires = expires,
        });
        return TypedResults.NoContent();
    }

    /// <summary>For the JWT handler: a request to the dashboard without an Authorization header brings its token in the cookie.</summary>
    public static Task FromCookie(MessageReceivedContext context, string dashboardPath)
    {
        if (context.Request.Path.StartsWithSegments(dashboardPath) && string.IsNullOrEmpty(context.Request.Headers.Authorization)
            && context.Request.Cookies.TryGetValue(Cookie, out var token))
            context.Token = token;
        return Task.CompletedTask;
    }
}
