using System.Collections.Concurrent;
using BacGiang.Incidents.Api.Infrastructure;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Api.Ioc;

/// <summary>
/// Takes camera alerts to their cameras (ADR 0006). An alert whose camera told this API within the lease which incident
/// its type feeds, and whose time joins that incident, is answered here at once and passed on with the other such
/// alerts of its camera in one call per interval. Every other alert (the first of its type, one after a quiet
/// spell, one outside the window, any while coalescing is off) waits for its camera, which stores a new incident before
/// it answers. The camera still takes every alert as it always did: a batch opens a new incident if the one answered
/// here has closed meanwhile. An API that crashes loses at most an interval of counts, as a camera does between its
/// flushes, and never an incident.
/// </summary>
public sealed class AlertCoalescer(Func<string, ICameraGrain> cameras, IOptions<IocOptions> options, IClock clock, ILogger<AlertCoalescer> logger)
    : BackgroundService
{
    [ActivatorUtilitiesConstructor]
    public AlertCoalescer(GrainReferences grains, IOptions<IocOptions> options, IClock clock, ILogger<AlertCoalescer> logger)
        : this(grains.Get<ICameraGrain>, options, clock, logger)
    {
    }

    /// <summary>Alerts one camera and type may have waiting here; beyond it (the camera unreachable) alerts wait for the camera again.</summary>
    public const int MaxWaiting = 10_000;

    private readonly ConcurrentDictionary<(string Camera, string Type), Correlation> correlations = new();

    private bool Enabled => options.Value.CoalesceInterval > TimeSpan.Zero;

    public async Task<AlertOutcome> Receive(string camera, CameraAlert alert)
    {
        if (Coalesce(camera, alert) is { } answered) return answered;
        var outcome = await cameras(camera).Alert(alert);
        if (Enabled) Learn(camera, alert, outcome);
        return outcome;
    }

    /// <summary>The answer for an alert that joins the incident its camera last told of, now waiting to be passed on; null if it must go to the camera.</summary>
    private AlertOutcome? Coalesce(string camera, CameraAlert alert)
    {
        if (!Enabled || !correlations.TryGetValue((camera, alert.AlertType), out var c)) return null;
        lock (c)
        {
            if (clock.GetCurrentInstant() > c.LeaseUntil || !c.Known.Joins(alert.At) || c.Waiting.Count >= MaxWaiting) return null;
            if (alert.AlertId is { } id && !c.Remember(id))
                return c.Known with { Attached = true, AlertCount = c.Count, Repeated = true, JoinsFrom = null, JoinsUntil = null };
            c.Waiting.Add(alert);
            return c.Known with { Attached = true, AlertCount = c.Count };
        }
    }

    private void Learn(string camera, CameraAlert alert, AlertOutcome outcome)
    {
        // A repeat's answer says nothing of the correlation now.
        if (outcome.JoinsFrom is null) return;
        var c = correlations.GetOrAdd((camera, alert.AlertType), _ => new Correlation { Known = outcome });
        lock (c)
        {
            Renew(c, outcome);
            if (alert.AlertId is { } id) c.Remember(id);
        }
    }

    /// <summary>The camera's latest answer for the correlation's type, and the lease it starts.</summary>
    private void Renew(Correlation c, AlertOutcome known)
    {
        c.Known = known;
        c.LeaseUntil = clock.GetCurrentInstant() + Duration.FromTimeSpan(options.Value.CoalesceLease);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        using var timer = new PeriodicTimer(options.Value.CoalesceInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await PassOn();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was answered here goes to the cameras before the API stops (the cluster client stops after this).
        await PassOn();
    }

    /// <summary>
    /// Passes every waiting alert to its camera, one call per camera for all its alert types: a storm spread over
    /// many cameras and types has few alerts per type in an interval, and a call per type would be a call per alert.
    /// </summary>
    public Task PassOn() => Task.WhenAll(correlations.GroupBy(p => p.Key.Camera).Select(g => PassOn(g.Key, g.ToList())));

    private async Task PassOn(string camera, List<KeyValuePair<(string Camera, string Type), Correlation>> ofCamera)
    {
        var parts = new List<(Correlation Correlation, List<CameraAlert> Batch)>();
        foreach (var (key, c) in ofCamera)
        {
            lock (c)
            {
                if (c.Waiting.Count == 0)
                {
                    // Quiet past its lease: forgotten, so the memory holds only the cameras alerting now.
                    if (clock.GetCurrentInstant() > c.LeaseUntil) correlations.TryRemove(KeyValuePair.Create(key, c));
                    continue;
                }
                parts.Add((c, c.Waiting));
                c.Sending += c.Waiting.Count;
                c.Waiting = [];
            }
        }
        if (parts.Count == 0) return;
        IReadOnlyList<AlertOutcome?>? outcomes = null;
        try
        {
            outcomes = await cameras(camera).Alerts(parts.SelectMany(p => p.Batch).ToList());
        }
        catch (Exception e)
        {
            // Not known to have reached the camera (its silo down, say): sent again on the next pass, while the lease,
            // no longer renewed, sends new alerts to the camera directly, where they fail visibly to the IOC.
            logger.LogWarning(e, "Camera {CameraId}: {Count} alerts answered here not passed on yet; retrying", camera, parts.Sum(p => p.Batch.Count));
        }
        var offset = 0;
        foreach (var (c, batch) in parts)
        {
            lock (c)
            {
                c.Sending -= batch.Count;
                if (outcomes is null) c.Waiting.InsertRange(0, batch);
                else if (outcomes.Skip(offset).Take(batch.Count).LastOrDefault(o => o is { JoinsFrom: not null }) is { } latest) Renew(c, latest);
            }
            offset += batch.Count;
        }
    }

    /// <summary>What this API knows of one camera's correlation of one alert type, and the alerts it answered for it.</summary>
    private sealed class Correlation
    {
        private readonly HashSet<string> ids = new(StringComparer.Ordinal);
        private readonly Queue<string> idOrder = new();

        /// <summary>The camera's last answer for this type (by an alert it took, not a repeat).</summary>
        public required AlertOutcome Known { get; set; }
        public Instant LeaseUntil { get; set; }
        public List<CameraAlert> Waiting { get; set; } = [];
        public int Sending { get; set; }

        /// <summary>The count as this API knows it: the camera's, and what it answered since.</summary>
        public int Count => Known.AlertCount + Sending + Waiting.Count;

        /// <summary>Remembers an alert id, so one re-sent to this API is answered as the repeat it is; false if it was already remembered.</summary>
        public bool Remember(string id)
        {
            if (!ids.Add(id)) return false;
            idOrder.Enqueue(id);
            if (idOrder.Count > CameraAlert.RememberedIds) ids.Remove(idOrder.Dequeue());
            return true;
        }
    }
}
