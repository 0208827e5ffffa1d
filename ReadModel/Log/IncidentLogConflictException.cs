using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// An append met a seq the log already holds: whoever appended had a stale view of the incident (another activation
/// wrote first, or the incident existed before a first filing assumed it did not).
/// </summary>
public sealed class IncidentLogConflictException(string incidentId, Exception inner)
    : Exception($"Incident {incidentId} already has events the append did not know of.", inner)
{
    public string IncidentId { get; } = incidentId;

    internal static Exception Translate(string incidentId, Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "incident_events_pkey" }
            ? new IncidentLogConflictException(incidentId, e)
            : e;
}
