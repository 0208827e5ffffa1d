using System.Diagnostics;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// Silo and API processes of one test cluster, started the way the crash tests need them: one database and
/// reference-data directory, one cluster and service id, cluster TLS from <see cref="TestCertificates"/>, and an API
/// with development tokens and rate limits raised out of the way of the load the tests make.
/// </summary>
public sealed class ClusterProcesses(ProcessGroup processes, string connectionString, string dataDirectory, string clusterId, string serviceId)
{
    public string ClusterId => clusterId;

    public string ServiceId => serviceId;

    /// <summary>A silo on the given ports; <paramref name="settings"/> adds to or overrides its environment.</summary>
    public Process StartSilo(string name, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? settings = null) =>
        processes.Start(name, ProcessGroup.SiloDll, With(new Dictionary<string, string>(Common().Concat(TestCertificates.Current.SiloEnvironment()))
        {
            ["Silo__ClusterId"] = clusterId,
            ["Silo__ServiceId"] = serviceId,
            ["Silo__SiloPort"] = siloPort.ToString(),
            ["Silo__GatewayPort"] = gatewayPort.ToString(),
        }, settings));

    /// <summary>A silo on free ports; answers its silo port, by which the cluster's directory names it.</summary>
    public (Process Process, int SiloPort) StartSilo(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePort.Next();
        return (StartSilo(name, siloPort, FreePort.Next(), settings), siloPort);
    }

    /// <summary>The API on a free port, as a client of this cluster; answers its address.</summary>
    public Uri StartApi(IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        processes.Start("api", ProcessGroup.ApiDll, With(new Dictionary<string, string>(Common().Concat(TestCertificates.Current.ApiEnvironment()))
        {
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = serviceId,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Auth__SigningKey"] = $"{serviceId}-tests-signing-key-0123456789abcdef",
            ["Auth__DevTokens__Enabled"] = "true",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Intake__IdempotencySecret"] = $"{serviceId}-idempotency-secret",
            // The tests' clients file far faster than any citizen; the limits would answer them 429.
            ["RateLimits__GlobalPerMinute"] = "1000000",
            ["RateLimits__CitizenWritesPerMinute"] = "1000000",
            ["RateLimits__PublicReadsPerMinute"] = "1000000",
            ["RateLimits__TrackingMissesPerHour"] = "1000000",
            ["RateLimits__WebhooksPerMinutePerSource"] = "1000000",
        }, settings));
        return new Uri($"http://127.0.0.1:{port}");
    }

    private Dictionary<string, string> Common() => new()
    {
        ["ConnectionStrings__Incidents"] = connectionString,
        ["ReferenceData__Directory"] = dataDirectory,
    };

    private static Dictionary<string, string> With(Dictionary<string, string> environment, IReadOnlyDictionary<string, string>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        return environment;
    }
}
