using BacGiang.Incidents.Sla;

namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// Someone the escalation reached said they have it. The level's repeats stop (the next level still fires if the
/// deadline stays unmet); <see cref="IncidentEvent.Actor"/> is the person, <see cref="Via"/> the channel they answered on.
/// </summary>
[GenerateSerializer, Immutable, Alias("EscalationAcknowledged")]
public sealed record EscalationAcknowledged : IncidentEvent
{
    [Id(0)] public required EscalationKind Kind { get; init; }
    [Id(1)] public required int Round { get; init; }
    [Id(2)] public required int Level { get; init; }
    /// <summary>console, zalo or sms.</summary>
    [Id(3)] public required string Via { get; init; }
}
