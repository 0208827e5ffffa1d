using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.ReadModel;

/// <summary>How silos wake incidents whose alarm is due (section "SlaAlarms").</summary>
public sealed class SlaAlarmOptions
{
    public const string Section = "SlaAlarms";

    /// <summary>How often each silo looks for due alarms when the last look found none waiting.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An alarm is left alone this long after it falls due: a live incident's own timer fires on time and moves it, so
    /// the sweep only wakes incidents with no activation (after a crash, or once idle ones are collected).
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long before its step an incident is woken when the step is further off than an idle incident stays
    /// activated (the collection age): long enough for the grace, a sweep and the wake itself, so that the new
    /// activation's timer fires the step on time. ADR 0007.
    /// </summary>
    public TimeSpan WakeAhead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A taken alarm is moved this far ahead while its incident is woken; if the silo dies meanwhile, another takes it
    /// when this runs out. Also the retry interval for an incident that cannot be woken.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Most alarms one sweep takes; a full sweep is followed by the next at once. Small, so that under a backlog (a
    /// silo's incidents after it stopped) every silo takes a share, longest due first: one silo taking 500 woke the
    /// last of them 8 s after the first while the others had nothing to do.
    /// </summary>
    [Range(1, 10_000)]
    public int Batch { get; set; } = 64;

    /// <summary>Incidents woken at once by one silo.</summary>
    [Range(1, 1_000)]
    public int Parallelism { get; set; } = 32;
}
