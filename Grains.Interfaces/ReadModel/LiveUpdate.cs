using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// What a commune's live stream carries: an incident's new summary, or a probe an API process sends itself to learn
/// that its subscription is delivering (Orleans finishes a new subscription's set-up after SubscribeAsync returns).
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveUpdate")]
public sealed record LiveUpdate([property: Id(0)] IncidentSummary? Incident, [property: Id(1)] Guid? Probe = null);
