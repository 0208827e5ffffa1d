using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Concurrency;

namespace BacGiang.Incidents.Grains;

/// <summary>An open correlation: the incident one alert type of this camera feeds while alerts keep coming.</summary>
[GenerateSerializer, Alias("AlertCorrelation")]
public sealed class AlertCorrelation
{
    [Id(0)] public required string IncidentId { get; set; }
    [Id(1)] public required string AlertType { get; set; }
    [Id(2)] public required Instant FirstSeen { get; set; }
    [Id(3)] public required Instant LastSeen { get; set; }
    [Id(4)] public int Count { get; set; }
    [Id(5)] public double BestConfidence { get; set; }
    [Id(6)] public string? BestSnapshotUrl { get; set; }
    [Id(7)] public List<string> Plates { get; set; } = [];
    /// <summary>The first alert's confidence, snapshot and plate: what the incident is filed from, again after a crash.</summary>
    [Id(8)] public double FirstConfidence { get; set; }
    [Id(9)] public string? FirstSnapshotUrl { get; set; }
    [Id(10)] public string? FirstPlate { get; set; }
    [Id(11)] public bool Filed { get; set; }
    /// <summary>The count the incident last confirmed.</summary>
    [Id(12)] public int Sent { get; set; }

    public AlertCorrelation Copy()
    {
        var copy = (AlertCorrelation)MemberwiseClone();
        copy.Plates = [.. Plates];
        return copy;
    }
}

[GenerateSerializer, Alias("CameraState")]
public sealed class CameraState
{
    [Id(0)] public Dictionary<string, AlertCorrelation> Open { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Recent IOC alert ids and the incident each went to, oldest first, so a re-sent alert is not counted twice.</summary>
    [Id(1)] public List<KeyValuePair<string, string>> RecentAlerts { get; set; } = [];
}

/// <summary>
/// Correlates one camera's alerts (DESIGN.md §5). Reentrant so an alert storm is not served one write at a time.
/// Durable writes: one per new incident (its correlation and code, stored before the incident is filed, so a crash in
/// between files the same incident again) and one per flush, which also carries the counts to the incident as one
/// event. An alert joining a filed incident is counted in memory: a crash loses at most one flush interval of counts
/// (and of remembered alert ids), never an incident.
/// </summary>
[Reentrant]
public sealed class CameraGrain : StringKeyedGrain, ICameraGrain
{
    private readonly IPersistentState<CameraState> state;
    private readonly ReferenceData reference;
    private readonly CameraOptions options;
    private readonly IClock clock;
    private readonly ILogger<CameraGrain> logger;
    private readonly IncidentMetrics metrics;
    private readonly GroupCommit commit;
    private readonly AlertCorrelator correlator;
    private readonly Dictionary<string, Task> filings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> opening = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> recent = new(StringComparer.Ordinal);
    private IGrainTimer? flushTimer;
    // The state alerts change; state.State only ever holds the copy being written, because the provider serializes
    // after its first await, when more alerts may already have been applied here.
    private CameraState live = new();

    public CameraGrain(
        [PersistentState("camera", StorageNames.Incidents)] IPersistentState<CameraState> state,
        ReferenceData reference, IOptions<CameraOptions> options, IncidentMetrics metrics, IClock clock, ILogger<CameraGrain> logger)
    {
        this.metrics = metrics;
        this.state = state;
        this.reference = reference;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        commit = new GroupCommit(WriteSnapshot);
        correlator = new AlertCorrelator(Duration.FromTimeSpan(this.options.CorrelationWindow));
    }

    private string Id => Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        live = state.State;
        state.State = new CameraState();
        foreach (var (alertId, incidentId) in live.RecentAlerts) recent[alertId] = incidentId;
        // A crash between storing a new correlation and filing its incident: the flush files it, under the same code.
        if (live.Open.Values.Any(c => c.Count > c.Sent || !c.Filed)) ScheduleFlush();
        return Task.CompletedTask;
    }

    public async Task<AlertOutcome> Alert(CameraAlert alert)
    {
        if (!reference.Cameras.TryGetValue(Id, out var camera)) throw new ArgumentException($"Camera {Id} is not in the registry.");
        if (!reference.AlertTypes.ContainsKey(alert.AlertType)) throw new ArgumentException($"Alert type {alert.AlertType} is unknown.");
        if (alert.AlertId is { } repeatedId && recent.TryGetValue(repeatedId, out var earlier))
        {
            // Answer a repeat only with an incident that is stored and filed, as the first answer would have been.
            var known = live.Open.Values.FirstOrDefault(c => c.IncidentId == earlier);
            if (known is { Filed: false }) await (opening.TryGetValue(known.IncidentId, out var opened) ? opened : EnsureFiled(known));
            return new AlertOutcome(earlier, true, known?.Count ?? 0, Repeated: true);
        }

        metrics.AlertReceived(alert.AlertType);
        live.Open.TryGetValue(alert.AlertType, out var open);
        var attached = correlator.TryJoin(open, alert);
        var c = attached ? open! : live.Open[alert.AlertType] = AlertCorrelator.Open(alert, TrackingCode.NewRandom().Value);
        if (alert.AlertId is { } alertId) Remember(alertId, c.IncidentId);

        try
        {
            // Only the alert that opens a correlation waits for a write: the correlation (and the incident's code) is
            // stored before the incident is filed, so a crash in between files the same one again. Alerts joining it
            // wait for that same write and filing, not a write of their own; once it is filed they wait for nothing,
            // and are counted in memory and stored with the next flush.
            if (!attached) opening[c.IncidentId] = Open(c);
            if (!c.Filed) await (opening.TryGetValue(c.IncidentId, out var opened) ? opened : EnsureFiled(c));
        }
        finally
        {
            // Whatever failed here, the flush retries it: filing, and passing the counts on.
            if (!c.Filed || c.Count > c.Sent) ScheduleFlush();
        }
        return correlator.Outcome(c, attached);
    }

    public async Task<IReadOnlyList<AlertOutcome?>> Alerts(IReadOnlyList<CameraAlert> alerts)
    {
        var outcomes = new List<AlertOutcome?>(alerts.Count);
        foreach (var alert in alerts)
        {
            try
            {
                outcomes.Add(await Alert(alert));
            }
            catch (Exception e)
            {
                // Only an alert opening an incident waits on anything: it is counted, and the flush stores its
                // correlation and files the incident (as for a single alert), so it must not be sent again.
                logger.LogWarning(e, "Camera {CameraId}: {AlertType} alert counted, its incident not stored yet; the flush retries", Id, alert.AlertType);
                outcomes.Add(null);
            }
        }
        return outcomes;
    }

    /// <summary>A new correlation: stored, then its incident filed. Its alerts share this one task.</summary>
    private async Task Open(AlertCorrelation c)
    {
        try
        {
            await commit.Next();
            await EnsureFiled(c);
        }
        finally
        {
            opening.Remove(c.IncidentId);
        }
    }

    private Task EnsureFiled(AlertCorrelation c)
    {
        if (c.Filed) return Task.CompletedTask;
        if (!filings.TryGetValue(c.IncidentId, out var filing)) filings[c.IncidentId] = filing = File(c);
        return filing;
    }

    private async Task File(AlertCorrelation c)
    {
        try
        {
            var camera = reference.Cameras[Id];
            var type = reference.AlertTypes[c.AlertType];
            var key = $"ioc:{Id}:{c.IncidentId}";
            var report = new ReportDetails
            {
                Category = type.Category,
                Description = $"{type.NameVi} — {camera.Name}" + (c.FirstPlate is { } plate ? $" — biển số {plate}" : ""),
                Location = camera.Location,
                CommuneCode = camera.Commune,
                Photos = c.FirstSnapshotUrl is { } url ? [url] : [],
                Channel = "ioc",
                IdempotencyKey = key,
                RequestFingerprint = key,
                Priority = type.Priority,
                TriageReason = c.FirstConfidence < options.MinConfidence
                    ? $"camera alert confidence {c.FirstConfidence:0.00} is below {options.MinConfidence:0.00}: check the snapshot"
                    : null,
                Camera = new CameraEvidence(Id, c.AlertType, c.FirstConfidence, c.FirstPlate),
            };
            var result = await GrainFactory.GetGrain<IIncidentGrain>(c.IncidentId).File(report, new Actor(ActorRole.System, "camera:" + Id));
            if (result.Outcome is not (FileOutcome.Created or FileOutcome.AlreadyFiled))
                throw new InvalidOperationException($"Incident {c.IncidentId} could not be filed for camera {Id}: {result.Outcome}.");
            c.Filed = true;
            logger.LogInformation("Camera {CameraId}: {AlertType} alert opened incident {IncidentId}", Id, c.AlertType, c.IncidentId);
        }
        finally
        {
            filings.Remove(c.IncidentId);
        }
    }

    private void ScheduleFlush()
    {
        flushTimer ??= this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(options.FlushInterval, Timeout.InfiniteTimeSpan)
        {
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>Passes new counts to the incidents; drops correlations whose incident is closed or whose window passed.</summary>
    private async Task Flush()
    {
        flushTimer?.Dispose();
        flushTimer = null;
        var now = clock.GetCurrentInstant();
        foreach (var (type, c) in live.Open.ToList())
        {
            try
            {
                await EnsureFiled(c);
                if (c.Count > c.Sent)
                {
                    var count = c.Count;
                    var open = await GrainFactory.GetGrain<IIncidentGrain>(c.IncidentId).CorrelateAlerts(new AlertTally
                    {
                        CameraId = Id, AlertType = type, Count = count, FirstSeen = c.FirstSeen, LastSeen = c.LastSeen,
                        BestConfidence = c.BestConfidence, BestSnapshotUrl = c.BestSnapshotUrl, Plates = [.. c.Plates],
                    });
                    c.Sent = Math.Max(c.Sent, count);
                    if (!open) Forget(type, c);
                }
                if (correlator.IsOver(c, now)) Forget(type, c);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Camera {CameraId}: alert counts for incident {IncidentId} not passed on; retrying", Id, c.IncidentId);
            }
        }
        await commit.Next();
        if (live.Open.Values.Any(c => c.Count > c.Sent || !c.Filed)) ScheduleFlush();
    }

    /// <summary>Drops the correlation, unless an alert that arrived meanwhile has already opened a newer one for the type.</summary>
    private void Forget(string type, AlertCorrelation c)
    {
        if (live.Open.TryGetValue(type, out var current) && ReferenceEquals(current, c)) live.Open.Remove(type);
    }

    private void Remember(string alertId, string incidentId)
    {
        recent[alertId] = incidentId;
        live.RecentAlerts.Add(new(alertId, incidentId));
        if (live.RecentAlerts.Count <= CameraAlert.RememberedIds) return;
        recent.Remove(live.RecentAlerts[0].Key);
        live.RecentAlerts.RemoveAt(0);
    }

    private Task WriteSnapshot()
    {
        state.State = new CameraState
        {
            Open = live.Open.ToDictionary(p => p.Key, p => p.Value.Copy(), StringComparer.Ordinal),
            RecentAlerts = [.. live.RecentAlerts],
        };
        return state.WriteStateAsync();
    }
}
