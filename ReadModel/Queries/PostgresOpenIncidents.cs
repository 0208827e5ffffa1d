using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>A unit's open incidents from the read model (indexes incidents_open_by_commune / _by_agency).</summary>
public sealed class PostgresOpenIncidents(NpgsqlDataSource database, IClock clock) : IOpenIncidentSource
{
    public async Task<IReadOnlyList<IncidentSummary>> Open(UnitRef unit, CancellationToken cancellationToken = default)
    {
        var filter = unit.Kind switch
        {
            UnitKind.Commune => "AND commune = $1",
            UnitKind.Agency => "AND agency = $1",
            _ => "AND $1 <> ''",
        };
        await using var command = database.CreateCommand($"""
            SELECT {IncidentSummaryRows.Columns}
              FROM incidents
             WHERE status NOT IN ('resolved', 'closed', 'rejected', 'merged') {filter}
            """);
        command.Parameters.AddWithValue(unit.Code);
        command.Parameters.AddWithValue(clock.GetCurrentInstant().ToDateTimeUtc());
        var open = new List<IncidentSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) open.Add(IncidentSummaryRows.Read(reader));
        return open;
    }
}
