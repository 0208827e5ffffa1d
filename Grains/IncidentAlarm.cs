using BacGiang.Incidents.ReadModel;
using NodaTime;
using Orleans.Configuration;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// When an incident's alarm row rings for its next step. An idle activation is collected after the collection age,
/// and its SLA timer goes with it; the sweep leaves a due alarm alone for a grace (so that live timers fire first), so
/// an incident collected before its step fired it 2-3 s late. A step further off than the collection age will find its
/// incident collected: its alarm rings <see cref="SlaAlarmOptions.WakeAhead"/> before the step instead. The sweep wakes
/// the incident, the new activation sets its timer for the step, and the alarm moves to the step itself as the backstop.
/// ADR 0007.
/// </summary>
public sealed class IncidentAlarm(Duration idleLife, Duration ahead)
{
    public static IncidentAlarm From(GrainCollectionOptions collection, SlaAlarmOptions alarms) => new(
        Duration.FromTimeSpan(collection.ClassSpecificCollectionAge.TryGetValue(typeof(IncidentGrain).FullName!, out var age) ? age : collection.CollectionAge),
        Duration.FromTimeSpan(alarms.WakeAhead));

    /// <summary>The alarm for <paramref name="next"/> (the step or delivery the incident waits for), set at <paramref name="now"/>.</summary>
    public Instant? For(Instant? next, Instant now) =>
        next is { } due && due - now > idleLife && due - ahead > now ? due - ahead : next;
}
