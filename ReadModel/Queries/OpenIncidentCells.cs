using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>Open incidents counted per map cell: where things are, never which door.</summary>
public sealed record IncidentCell(double Lat, double Lon, long Open);

/// <summary>
/// The public map's data (issue 14): open incidents with a place, counted in cells of <see cref="CellDegrees"/>
/// (about 555 m north–south and 520 m east–west at the province's 21° N), each shown at its cell's centre.
/// </summary>
public sealed class OpenIncidentCells(NpgsqlDataSource database)
{
    public const double CellDegrees = 0.005;

    public async Task<IReadOnlyList<IncidentCell>> Count(CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT floor(lat / $1) AS y, floor(lon / $1) AS x, count(*)
              FROM incidents
             WHERE status NOT IN ('resolved', 'closed', 'rejected', 'merged') AND lat IS NOT NULL AND lon IS NOT NULL
             GROUP BY 1, 2
             ORDER BY 3 DESC
            """);
        command.Parameters.AddWithValue(CellDegrees);
        var cells = new List<IncidentCell>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            cells.Add(new IncidentCell(Centre(reader.GetDouble(0)), Centre(reader.GetDouble(1)), reader.GetInt64(2)));
        return cells;
    }

    private static double Centre(double cell) => Math.Round((cell + 0.5) * CellDegrees, 4);
}
