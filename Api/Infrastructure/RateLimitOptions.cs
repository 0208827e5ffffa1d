using System.ComponentModel.DataAnnotations;
using System.Net;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Requests per client per minute, by kind of endpoint, and whom to believe about who the client is (issue 13).
/// A client is its address (an IPv6 address by its /64, which one household or phone usually holds whole);
/// a signed-in member of staff is their subject instead, so an office behind one NAT does not share a bucket.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>Every request of one client, whatever the endpoint: the ceiling no one passes.</summary>
    [Range(1, 10_000_000)] public int GlobalPerMinute { get; set; } = 600;

    /// <summary>Anonymous writes: reports, reopen and rating by tracking code, Open311 requests, SMS acknowledgements.</summary>
    [Range(1, 10_000_000)] public int CitizenWritesPerMinute { get; set; } = 20;

    /// <summary>Anonymous reads: tracking by code, Open311 listings, reference data, health.</summary>
    [Range(1, 10_000_000)] public int PublicReadsPerMinute { get; set; } = 120;

    /// <summary>
    /// Tracking codes asked for that do not exist, per client per hour; past it every tracking request of that
    /// client is refused until the hour has passed. A code has about 39 bits: at 20 misses an hour, a client
    /// guessing among 100,000 live codes finds one about once in 25 years.
    /// </summary>
    [Range(1, 1_000_000)] public int TrackingMissesPerHour { get; set; } = 20;

    /// <summary>Signed callbacks from a source (Zalo's servers, the IOC, the SMS gateway): their own bucket, larger.</summary>
    [Range(1, 10_000_000)] public int WebhooksPerMinutePerSource { get; set; } = 60_000;

    /// <summary>
    /// Reverse proxies (addresses or networks in CIDR form) whose X-Forwarded-For is believed. Empty: the socket's
    /// address is the client, and the header is ignored, so no one can pick their own bucket by sending it.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>How much of an IPv6 address names one client.</summary>
    [Range(32, 128)] public int Ipv6PrefixLength { get; set; } = 64;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPNetwork.TryParse(p, out _) && !IPAddress.TryParse(p, out _)))
            yield return new ValidationResult($"RateLimits:KnownProxies entry '{proxy}' is neither an address nor a CIDR network.", [nameof(KnownProxies)]);
    }

    public IEnumerable<IPNetwork> ProxyNetworks() => KnownProxies.Select(p =>
        IPNetwork.TryParse(p, out var network) ? network : new IPNetwork(IPAddress.Parse(p), IPAddress.Parse(p).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
}
