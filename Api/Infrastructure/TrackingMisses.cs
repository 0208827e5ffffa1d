using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Counts tracking codes a client asked for that do not exist: once it has used up its misses for the hour, it gets
/// no answer by tracking code at all, so guessing codes costs an hour per handful of tries (RateLimitOptions).
/// </summary>
public sealed class TrackingMisses(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> misses = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.TrackingMissesPerHour, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));

    private string Client(HttpContext http) => ClientKey.Of(http, options.Value.Ipv6PrefixLength);

    /// <summary>True while the client may still look codes up.</summary>
    public bool Allowed(HttpContext http) => misses.GetStatistics(Client(http))?.CurrentAvailablePermits is not 0;

    public void Missed(HttpContext http) => misses.AttemptAcquire(Client(http)).Dispose();

    /// <summary>The answer to a client that has used up its misses.</summary>
    public static IResult Refusal => RateLimits.TooMany("Too many tracking codes from this client did not exist; try again in an hour.");

    public void Dispose() => misses.Dispose();
}
