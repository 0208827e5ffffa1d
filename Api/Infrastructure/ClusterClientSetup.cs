using System.ComponentModel.DataAnnotations;
using NodaTime;
using BacGiang.Incidents.ClusterTls;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace BacGiang.Incidents.Api.Infrastructure;

public sealed class ClusterClientOptions
{
    public const string Section = "Orleans";

    [Required] public string ClusterId { get; set; } = "";
    [Required] public string ServiceId { get; set; } = "";

    /// <summary>
    /// How long a grain call may take before the API gives up with a 503. Orleans' default is 30 s; a call
    /// caught on the connection of a silo that just died would otherwise hold the HTTP request that long.
    /// </summary>
    [Range(1, 300)] public int ResponseTimeoutSeconds { get; set; } = 10;
}

/// <summary>Keeps trying to reach a silo at start, so the API may come up before the cluster does.</summary>
public sealed class RetryForeverFilter(ILogger<RetryForeverFilter> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("No silo reachable yet ({Reason}); retrying in 2 s", exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return true;
    }
}

public static class ClusterClientSetup
{
    public static IHostApplicationBuilder AddIncidentClusterClient(this IHostApplicationBuilder builder, string connectionString)
    {
        var options = builder.Configuration.GetSection(ClusterClientOptions.Section).Get<ClusterClientOptions>() ?? new();
        if (string.IsNullOrEmpty(options.ClusterId) || string.IsNullOrEmpty(options.ServiceId))
            throw new InvalidOperationException("Orleans:ClusterId and Orleans:ServiceId must be set.");
        if (options.ResponseTimeoutSeconds is < 1 or > 300)
            throw new InvalidOperationException("Orleans:ResponseTimeoutSeconds must be between 1 and 300.");
        // The gateway acts on whatever the API sends it (as any role): the link is mutual TLS with the cluster CA.
        var tls = ClusterCredentials.Load(builder.Configuration, builder.Environment, ClusterRole.Client, SystemClock.Instance);
        tls?.LogInUse("API", SystemClock.Instance);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseClusterTls(tls);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            // A restarted silo comes back with a new generation; the default one-minute refresh would leave the API blind that long.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(options.ResponseTimeoutSeconds));
            client.UseConnectionRetryFilter<RetryForeverFilter>();
            // An HTTP request's trace continues into the grains it calls (docs/operations.md).
            client.AddActivityPropagation();
            // The Orleans dashboard's pages, served here to admins (ApiTelemetry); the silos gather its data.
            client.AddDashboard(o => o.HideTrace = true);
            // Consoles follow their commune live (ReadModel.LiveStreams).
            client.AddMemoryStreams(BacGiang.Incidents.ReadModel.LiveStreams.Provider);
        });
        return builder;
    }
}
