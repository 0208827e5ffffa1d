using BacGiang.Incidents.Api.Auth;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Headers every response carries: no content-type sniffing, no referrer (escalation links carry their token in the
/// path), and no framing by another site (clickjacking the console's buttons). The content security policy lets
/// pages run scripts and styles from this site's files only, never inline ones, so text that slips into a page as
/// markup cannot run (issue 13). The API reference at /docs (Scalar, whose page configures itself inline and shows
/// no one's data) is the one exception.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The console's policy. Images come from this site or from blobs: the system's own photos are fetched with the
    /// staff token and shown from object URLs, and third parties' photo addresses are plain links the console never
    /// loads (issue 14), so no image source on the internet is allowed. The identity provider's origin, if any, is
    /// where the sign-in page exchanges its code for tokens.
    /// </summary>
    public static string ContentSecurityPolicy(string? authority) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        $"connect-src 'self'{(Uri.TryCreate(authority, UriKind.Absolute, out var provider) ? " " + provider.GetLeftPart(UriPartial.Authority) : "")}; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public const string ApiReferencePath = "/docs";

    /// <summary>
    /// The Orleans dashboard (admins only): its scripts are files of its own, but its markup and bundle set inline
    /// styles and its icon font is inlined, so styles may be inline and fonts data URLs; scripts stay files only.
    /// </summary>
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.Authority);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy
                    : context.Request.Path.StartsWithSegments(ApiTelemetry.DashboardPath) ? DashboardPolicy
                    : policy;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
