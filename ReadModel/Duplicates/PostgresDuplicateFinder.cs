using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// A box around the point narrows the open incidents of the category (index incidents_open_near, by latitude), then the
/// great-circle distance (<see cref="Distance"/>, the rule crew suggestions use too) picks the nearest within the radius.
/// No PostGIS: at 150 m the box and a spherical Earth are exact enough and need nothing extra. The distance is worked
/// out here rather than in the query: the box holds a handful of incidents, and in the query PostgreSQL set up the
/// distance expression, a sort and a limit again on each of its thousands of executions a second.
/// Lookups asked while others are on the wire go together in one statement (<see cref="BatchQueue{T}"/>): under load
/// each report had been a round trip of its own, 40,000 of the 44,000 round trips of a 40,000-report run.
/// </summary>
public sealed class PostgresDuplicateFinder : IDuplicateFinder, IAsyncDisposable
{
    private const double MetersPerDegreeLat = 111_320;

    private sealed record Ask(string TrackingCode, DuplicateQuery? Query, TaskCompletionSource<IntakeLookup> Done);

    private readonly NpgsqlDataSource database;
    private readonly BatchQueue<Ask> queue;

    public PostgresDuplicateFinder(NpgsqlDataSource database, IOptions<LookupOptions> options)
    {
        this.database = database;
        queue = new BatchQueue<Ask>(options.Value.Senders, options.Value.MaxBatch, Send, ask => ask.Done.TrySetCanceled());
    }

    public async Task<IntakeLookup> Lookup(string trackingCode, DuplicateQuery? query, CancellationToken cancellationToken = default)
    {
        var ask = new Ask(trackingCode, query, new TaskCompletionSource<IntakeLookup>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.TryAdd(ask)) throw new ObjectDisposedException(nameof(PostgresDuplicateFinder));
        return await ask.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// One row per incident in an ask's box, or one without an incident when its box is empty, each with whether the
    /// ask's code is taken. A lookup is read-only, so a failure is the database's and fails the whole batch alike.
    /// </summary>
    private async Task Send(List<Ask> asks, CancellationToken stopping)
    {
        try
        {
            var found = asks.Select(_ => (Taken: false, Duplicate: (string?)null, Metres: double.MaxValue)).ToArray();
            await using var command = BoxesOf(asks);
            await using var reader = await command.ExecuteReaderAsync(stopping);
            while (await reader.ReadAsync(stopping))
            {
                var i = (int)reader.GetInt64(0) - 1;
                found[i].Taken = reader.GetBoolean(1);
                if (reader.IsDBNull(2) || asks[i].Query is not { } query) continue;
                var metres = Distance.Metres(query.At, new GeoPoint(reader.GetDouble(3), reader.GetDouble(4)));
                if (metres > query.RadiusMeters || metres >= found[i].Metres) continue;
                found[i] = (found[i].Taken, reader.GetString(2), metres);
            }
            for (var i = 0; i < asks.Count; i++) asks[i].Done.TrySetResult(new IntakeLookup(found[i].Taken, found[i].Duplicate));
        }
        catch (Exception e)
        {
            foreach (var ask in asks) ask.Done.TrySetException(e);
        }
    }

    /// <summary>
    /// Each ask's open incidents of its category reported since its instant, in a box of its radius around its point;
    /// an ask without a query has no box (a null category matches nothing). <c>OFFSET 0</c> keeps the boxes a loop of
    /// index scans: flattened into a join, a batch of 60 was planned as one hash join over every incident (114 ms
    /// against 2 ms), and a benchmark run on such plans spent ten times as long in this statement.
    /// </summary>
    private NpgsqlCommand BoxesOf(IReadOnlyList<Ask> asks)
    {
        var command = database.CreateCommand("""
            SELECT q.n,
                   EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = q.code)
                   OR EXISTS (SELECT 1 FROM incident_legacy_state l WHERE l.incident_id = q.code),
                   near.incident_id, near.lat, near.lon
              FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
                   WITH ORDINALITY AS q(code, category, since, lat_from, lat_to, lon_from, lon_to, n)
              LEFT JOIN LATERAL (
                   SELECT i.incident_id, i.lat, i.lon
                     FROM incidents i
                    WHERE i.category = q.category AND i.reported_at >= q.since AND i.lat IS NOT NULL
                      AND i.status NOT IN ('resolved', 'closed', 'rejected', 'merged')
                      AND i.lat BETWEEN q.lat_from AND q.lat_to AND i.lon BETWEEN q.lon_from AND q.lon_to
                   OFFSET 0) near ON true
            """);
        var boxes = asks.Select(a => a.Query is { } q ? Box(q) : default).ToList();
        var p = command.Parameters;
        p.Add(ReadModelCommands.Column(NpgsqlDbType.Text, asks.Select(a => a.TrackingCode)));
        p.Add(ReadModelCommands.Column(NpgsqlDbType.Text, asks.Select(a => a.Query?.Category)));
        p.Add(ReadModelCommands.Column(NpgsqlDbType.TimestampTz, asks.Select(a => a.Query?.Since.ToDateTimeUtc())));
        p.Add(ReadModelCommands.Column(NpgsqlDbType.Double, boxes.Select(b => b.LatFrom)));
        p.Add(ReadModelCommands.Column(NpgsqlDbType.Double, boxes.Select(b => b.LatTo)));
        p.Add(ReadModelCommands.Column(NpgsqlDbType.Double, boxes.Select(b => b.LonFrom)));
        p.Add(ReadModelCommands.Column(NpgsqlDbType.Double, boxes.Select(b => b.LonTo)));
        return command;
    }

    private static (double LatFrom, double LatTo, double LonFrom, double LonTo) Box(DuplicateQuery query)
    {
        var (_, at, _, radiusMeters) = query;
        var dLat = radiusMeters / MetersPerDegreeLat;
        var dLon = radiusMeters / (MetersPerDegreeLat * Math.Cos(at.Lat * Math.PI / 180));
        return (at.Lat - dLat, at.Lat + dLat, at.Lon - dLon, at.Lon + dLon);
    }

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}
