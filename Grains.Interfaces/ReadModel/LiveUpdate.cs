using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// What a unit's live stream carries: an incident's new summary, a crew's new place on its agency's board, or a probe
/// an API process sends itself to learn that its subscription is delivering (Orleans finishes a new subscription's
/// set-up after SubscribeAsync returns).
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveUpdate")]
public sealed record LiveUpdate(
    [property: Id(0)] IncidentSummary? Incident,
    [property: Id(1)] Guid? Probe = null,
    [property: Id(2)] CrewView? Crew = null);
