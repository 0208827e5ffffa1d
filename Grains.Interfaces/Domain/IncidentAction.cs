namespace BacGiang.Incidents.Domain;

/// <summary>What a person can ask of an incident; the system's own routing ("assign") is not among them.</summary>
[GenerateSerializer]
public enum IncidentAction
{
    Acknowledge,
    Dispatch,
    Start,
    Resolve,
    Close,
    Reject,
    Reopen,
    Wait,
    Resume,
    Merge,
    Split,
    AddNote,
    ReturnToTriage,
    /// <summary>A citizen rates the handling once it is resolved or closed; not a staff action.</summary>
    Rate,
}
