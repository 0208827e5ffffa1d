using System.Text.Json.Serialization;
using NodaTime;

namespace BacGiang.Incidents.Domain.Events;

/// <summary>One step in an incident's history. <see cref="Seq"/> is dense from 1 within an incident.</summary>
[GenerateSerializer, Immutable, Alias("IncidentEvent")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(IncidentReported), "Reported")]
[JsonDerivedType(typeof(IncidentAssigned), "Assigned")]
[JsonDerivedType(typeof(IncidentTriaged), "Triaged")]
[JsonDerivedType(typeof(IncidentAcknowledged), "Acknowledged")]
[JsonDerivedType(typeof(IncidentDispatched), "Dispatched")]
[JsonDerivedType(typeof(WorkStarted), "Started")]
[JsonDerivedType(typeof(IncidentResolved), "Resolved")]
[JsonDerivedType(typeof(IncidentClosed), "Closed")]
[JsonDerivedType(typeof(IncidentRejected), "Rejected")]
[JsonDerivedType(typeof(IncidentReopened), "Reopened")]
[JsonDerivedType(typeof(EscalationRaised), "EscalationRaised")]
[JsonDerivedType(typeof(EscalationAcknowledged), "EscalationAcknowledged")]
[JsonDerivedType(typeof(IncidentWaiting), "Waiting")]
[JsonDerivedType(typeof(IncidentResumed), "Resumed")]
[JsonDerivedType(typeof(AlertsCorrelated), "AlertsCorrelated")]
[JsonDerivedType(typeof(ReportAttached), "ReportAttached")]
[JsonDerivedType(typeof(IncidentMerged), "Merged")]
[JsonDerivedType(typeof(ReportsMergedIn), "ReportsMergedIn")]
[JsonDerivedType(typeof(ReportSplitOut), "ReportSplitOut")]
[JsonDerivedType(typeof(NoteAdded), "NoteAdded")]
[JsonDerivedType(typeof(IncidentReturnedToTriage), "ReturnedToTriage")]
[JsonDerivedType(typeof(PersonalDataRedacted), "PersonalDataRedacted")]
[JsonDerivedType(typeof(IncidentRated), "Rated")]
[JsonDerivedType(typeof(CrewAssigned), "CrewAssigned")]
[JsonDerivedType(typeof(CrewAccepted), "CrewAccepted")]
[JsonDerivedType(typeof(CrewEnRoute), "CrewEnRoute")]
[JsonDerivedType(typeof(CrewArrived), "CrewArrived")]
[JsonDerivedType(typeof(CrewReleased), "CrewReleased")]
public abstract record IncidentEvent
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required Instant At { get; init; }
    [Id(2)] public required Actor Actor { get; init; }
    /// <summary>The client's command id, so a repeated command is recognised and answered with its first result.</summary>
    [Id(3)] public string? CommandId { get; init; }
}
