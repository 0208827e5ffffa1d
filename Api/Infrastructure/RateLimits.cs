using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Every request passes a per-client ceiling; anonymous endpoints add a bucket of their kind (citizen writes, public
/// reads, webhooks by source). The client is who <see cref="ClientKey"/> says, after X-Forwarded-For has been
/// applied for the configured proxies only.
/// </summary>
public static class RateLimits
{
    public const string Citizen = "citizen";
    public const string PublicRead = "public-read";
    public const string Webhook = "webhook";

    public static IServiceCollection AddIncidentRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackingMisses>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<RateLimitOptions>>((forwarded, limits) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Believed only from the proxies named: the defaults (loopback) go, and a chain of them is walked to its
            // first address that is not one of them.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in limits.Value.ProxyNetworks()) forwarded.KnownIPNetworks.Add(network);
            forwarded.ForwardLimit = null;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                PerMinute(http, "all:", o => o.GlobalPerMinute));
            limiter.AddPolicy(Citizen, http => PerMinute(http, "", o => o.CitizenWritesPerMinute));
            limiter.AddPolicy(PublicRead, http => PerMinute(http, "", o => o.PublicReadsPerMinute));
            limiter.AddPolicy(Webhook, http => PerMinute(http, "", o => o.WebhooksPerMinutePerSource));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TooMany("Too many requests from this client; try again in a minute.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    public static IResult TooMany(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limited.");

    private static RateLimitPartition<string> PerMinute(HttpContext http, string scope, Func<RateLimitOptions, int> permits)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(scope + ClientKey.Of(http, options.Ipv6PrefixLength),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits(options), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
