using BacGiang.Incidents.Domain;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// A box around the point narrows the open incidents of the category (index incidents_open_near, by latitude), then the
/// great-circle distance decides. No PostGIS: at 150 m the box and haversine are exact enough and need nothing extra.
/// </summary>
public sealed class PostgresDuplicateFinder(NpgsqlDataSource database) : IDuplicateFinder
{
    private const double MetersPerDegreeLat = 111_320;

    public async Task<IntakeLookup> Lookup(string trackingCode, DuplicateQuery? query, CancellationToken cancellationToken = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(ReadModelCommands.Scoped("""
            SELECT EXISTS (SELECT 1 FROM incident_events WHERE incident_id = $1)
                OR EXISTS (SELECT 1 FROM incident_legacy_state WHERE incident_id = $1)
            """, trackingCode));
        if (query is not null) batch.BatchCommands.Add(Nearest(query));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var taken = reader.GetBoolean(0);
        string? duplicate = null;
        if (query is not null && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
            duplicate = reader.GetString(0);
        return new IntakeLookup(taken, duplicate);
    }

    private static NpgsqlBatchCommand Nearest(DuplicateQuery query)
    {
        var (category, at, since, radiusMeters) = query;
        var dLat = radiusMeters / MetersPerDegreeLat;
        var dLon = radiusMeters / (MetersPerDegreeLat * Math.Cos(at.Lat * Math.PI / 180));
        var command = new NpgsqlBatchCommand("""
            SELECT incident_id, distance FROM (
                SELECT incident_id, 2 * 6371000 * asin(sqrt(
                           power(sin(radians(lat - $3) / 2), 2) + cos(radians($3)) * cos(radians(lat)) * power(sin(radians(lon - $4) / 2), 2))) AS distance
                  FROM incidents
                 WHERE category = $1 AND reported_at >= $2 AND lat IS NOT NULL
                   AND status NOT IN ('resolved', 'closed', 'rejected', 'merged')
                   AND lat BETWEEN $3 - $5 AND $3 + $5 AND lon BETWEEN $4 - $6 AND $4 + $6) near
             WHERE distance <= $7
             ORDER BY distance
             LIMIT 1
            """);
        var p = command.Parameters;
        p.AddWithValue(category);
        p.AddWithValue(since.ToDateTimeUtc());
        p.AddWithValue(at.Lat);
        p.AddWithValue(at.Lon);
        p.AddWithValue(dLat);
        p.AddWithValue(dLon);
        p.AddWithValue(radiusMeters);
        return command;
    }
}
