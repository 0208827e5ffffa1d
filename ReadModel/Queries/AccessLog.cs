using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>One read of personal data by a member of staff.</summary>
public sealed record AccessEntry(long AccessId, Instant At, string StaffId, string Role, string Action, string? IncidentId, string? Detail);

/// <summary>
/// The staff access log (table personal_data_access, append-only by trigger): who read which incident's personal data,
/// searched or exported, and when (issue 13, Decree 13/2023).
/// </summary>
public sealed class AccessLog(NpgsqlDataSource database)
{
    /// <summary>Longest detail kept (a search's query string): enough to see what was looked for.</summary>
    public const int MaxDetail = 1000;

    public async Task Record(Instant at, string staffId, string role, string action, string? incidentId, string? detail, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO personal_data_access (at, staff_id, role, action, incident_id, detail) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.AddWithValue(at.ToDateTimeUtc());
        command.Parameters.AddWithValue(staffId);
        command.Parameters.AddWithValue(role);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue((object?)incidentId ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)(detail is { Length: > MaxDetail } ? detail[..MaxDetail] : detail) ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Newest first, filtered by staff member and incident when given.</summary>
    public async Task<IReadOnlyList<AccessEntry>> Find(string? staffId, string? incidentId, Instant from, Instant to, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT access_id, at, staff_id, role, action, incident_id, detail FROM personal_data_access
             WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR staff_id = $3) AND ($4::text IS NULL OR incident_id = $4)
             ORDER BY at DESC, access_id DESC
             LIMIT $5
            """);
        command.Parameters.AddWithValue(from.ToDateTimeUtc());
        command.Parameters.AddWithValue(to.ToDateTimeUtc());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)staffId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)incidentId ?? DBNull.Value });
        command.Parameters.AddWithValue(limit);
        var entries = new List<AccessEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new AccessEntry(reader.GetInt64(0), Instant.FromDateTimeUtc(reader.GetDateTime(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return entries;
    }
}
