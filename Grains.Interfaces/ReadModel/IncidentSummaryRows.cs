using System.Data.Common;
using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.ReadModel;

/// <summary>An <see cref="IncidentSummary"/> as a row of the read model's incidents table: one reader for every query that lists them.</summary>
public static class IncidentSummaryRows
{
    /// <summary>Columns <see cref="Read"/> expects, in order; $2 must be the query's "now".</summary>
    public const string Columns = """
        incident_id, last_seq, tracking_code, status, category, priority, commune, agency, reported_at, updated_at,
        description, address, triage_reason, escalation_level,
        ack_due, resolve_due,
        COALESCE(next_deadline < $2, false) AS overdue, report_count, unacknowledged_escalations,
        crew_id, crew_name, crew_stage
        """;

    public static IncidentSummary Read(DbDataReader r)
    {
        var description = r.GetString(10);
        return new IncidentSummary
        {
            IncidentId = r.GetString(0),
            Seq = r.GetInt64(1),
            TrackingCode = r.GetString(2),
            Status = ReadModelNames.Parse<IncidentStatus>(r.GetString(3)),
            Category = r.GetString(4),
            Priority = Enum.Parse<Priority>(r.GetString(5)),
            Commune = r.IsDBNull(6) ? null : r.GetString(6),
            Agency = r.IsDBNull(7) ? null : r.GetString(7),
            ReportedAt = Instant.FromDateTimeUtc(r.GetDateTime(8)),
            UpdatedAt = Instant.FromDateTimeUtc(r.GetDateTime(9)),
            Summary = description.Length <= 140 ? description : string.Concat(description.AsSpan(0, 139), "…"),
            Address = r.IsDBNull(11) ? null : r.GetString(11),
            TriageReason = r.IsDBNull(12) ? null : r.GetString(12),
            EscalationLevel = r.GetInt32(13),
            AckDeadline = r.IsDBNull(14) ? null : Instant.FromDateTimeUtc(r.GetDateTime(14)),
            ResolveDeadline = r.IsDBNull(15) ? null : Instant.FromDateTimeUtc(r.GetDateTime(15)),
            Overdue = r.GetBoolean(16),
            ReportCount = r.GetInt32(17),
            UnacknowledgedEscalations = r.GetInt32(18),
            Crew = r.IsDBNull(19) ? null : new FieldDispatch.CrewOnIncident(r.GetString(19), r.GetString(20), r.GetString(21)),
        };
    }

}
