using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace BacGiang.Incidents.Silo;

/// <summary>Where this silo listens and which cluster it joins. Read before the host is built, so validated by hand.</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";

    [Required] public string ClusterId { get; set; } = "";
    [Required] public string ServiceId { get; set; } = "";
    [Required] public string AdvertisedIPAddress { get; set; } = "127.0.0.1";
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long a gateway waits for a disconnected client (an API process) before dropping it. Orleans' default is a
    /// minute; until the drop, stream deliveries to the dead client's subscriptions time out one by one and hold up
    /// the live feed of every console on the same commune.
    /// </summary>
    [Range(1, 600)] public int ClientDropTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// On in the Kubernetes manifests (deploy/k8s): the silo names itself after its pod and a deleted pod's silo is
    /// declared dead at once instead of after missed probes. Membership stays in PostgreSQL either way. Needs
    /// POD_NAME and POD_NAMESPACE (or the service account's namespace file) and a role allowing get, list, watch and
    /// patch on pods.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>
    /// How long a liveness probe of another silo is first given (Orleans' ProbeTimeout; it adapts between half and four
    /// times this to the answers it sees). Orleans' default is 5 s; a silo killed outright is suspected after
    /// <see cref="MissedProbesLimit"/> missed probes, so this sets how long the cluster keeps sending calls to it.
    /// docs/operations.md ("Failover window") has what shorter costs.
    /// </summary>
    [Range(1, 60)] public int ProbeTimeoutSeconds { get; set; } = 2;

    /// <summary>Missed probes after which a silo votes the probed one dead (Orleans' NumMissedProbesLimit, default 3; 2 here).</summary>
    [Range(1, 10)] public int MissedProbesLimit { get; set; } = 2;

    /// <summary>Votes that declare a silo dead (Orleans' NumVotesForDeathDeclaration, default 2; fewer live silos need fewer).</summary>
    [Range(1, 10)] public int VotesForDeathDeclaration { get; set; } = 2;

    /// <summary>
    /// How often the Orleans dashboard samples the silo's counters (<see cref="DashboardCounterFeed"/>): each sample
    /// walks every activation, at the package's fixed second 11–13% of a busy silo's CPU, for a page an operator
    /// reloads now and then.
    /// </summary>
    [Range(1, 3600)] public int DashboardCounterIntervalSeconds { get; set; } = 10;

    public static SiloHostOptions From(IConfiguration configuration)
    {
        var options = new SiloHostOptions();
        configuration.GetSection(Section).Bind(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            throw new InvalidOperationException($"Invalid '{Section}' settings: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
            throw new InvalidOperationException($"Invalid '{Section}:AdvertisedIPAddress': '{options.AdvertisedIPAddress}' is not an IP address.");
        return options;
    }
}
