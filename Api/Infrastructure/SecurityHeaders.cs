namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Headers every response carries: no content-type sniffing, no referrer (escalation links carry their token in the
/// path), and no framing by another site (clickjacking the console's buttons). The policy restricts what the pages
/// may be embedded in and may load as plugins or base URLs; restricting scripts waits for the pages' inline scripts
/// to move into files (issue 13).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
