using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// A box around the point narrows the open incidents of the category (index incidents_open_near, by latitude), then the
/// great-circle distance (<see cref="Distance"/>, the rule crew suggestions use too) picks the nearest within the radius.
/// No PostGIS: at 150 m the box and a spherical Earth are exact enough and need nothing extra. The distance is worked
/// out here rather than in the query: the box holds a handful of incidents, and in the query PostgreSQL set up the
/// distance expression, a sort and a limit again on each of its thousands of executions a second.
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
        if (query is not null) batch.BatchCommands.Add(InTheBox(query));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var taken = reader.GetBoolean(0);
        string? duplicate = null;
        if (query is not null && await reader.NextResultAsync(cancellationToken))
        {
            double? nearest = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var metres = Distance.Metres(query.At, new GeoPoint(reader.GetDouble(1), reader.GetDouble(2)));
                if (metres > query.RadiusMeters || metres >= nearest) continue;
                nearest = metres;
                duplicate = reader.GetString(0);
            }
        }
        return new IntakeLookup(taken, duplicate);
    }

    /// <summary>The open incidents of the category reported since the query's instant, in a box of the radius around its point.</summary>
    private static NpgsqlBatchCommand InTheBox(DuplicateQuery query)
    {
        var (category, at, since, radiusMeters) = query;
        var dLat = radiusMeters / MetersPerDegreeLat;
        var dLon = radiusMeters / (MetersPerDegreeLat * Math.Cos(at.Lat * Math.PI / 180));
        var command = new NpgsqlBatchCommand("""
            SELECT incident_id, lat, lon
              FROM incidents
             WHERE category = $1 AND reported_at >= $2 AND lat IS NOT NULL
               AND status NOT IN ('resolved', 'closed', 'rejected', 'merged')
               AND lat BETWEEN $3 AND $4 AND lon BETWEEN $5 AND $6
            """);
        var p = command.Parameters;
        p.AddWithValue(category);
        p.AddWithValue(since.ToDateTimeUtc());
        p.AddWithValue(at.Lat - dLat);
        p.AddWithValue(at.Lat + dLat);
        p.AddWithValue(at.Lon - dLon);
        p.AddWithValue(at.Lon + dLon);
        return command;
    }
}
