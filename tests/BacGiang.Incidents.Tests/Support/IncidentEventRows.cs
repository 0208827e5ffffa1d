using Npgsql;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>Reads the read model's copy of incidents' events (incident_events), every event one row.</summary>
public static class IncidentEventRows
{
    /// <summary>How many events of <paramref name="type"/> each of the incidents has; incidents with none are left out.</summary>
    public static async Task<Dictionary<string, int>> CountOfType(string connectionString, IReadOnlyCollection<string> incidentIds, string type)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT incident_id, count(*)::int FROM incident_events WHERE incident_id = ANY($1) AND type = $2 GROUP BY incident_id
            """, connection);
        command.Parameters.AddWithValue(incidentIds.ToArray());
        command.Parameters.AddWithValue(type);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }
}
