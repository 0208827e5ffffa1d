using BacGiang.Incidents.ReadModel;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>An incident's SLA alarm as the sweeps see it (<see cref="SlaAlarms.Of"/>).</summary>
public static class AlarmRows
{
    public static async Task<Instant?> For(string connectionString, string incidentId)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        return await new SlaAlarms(database).Of(incidentId);
    }

    /// <summary>Whether the alarm is set for <paramref name="at"/>: PostgreSQL keeps microseconds, an instant nanoseconds.</summary>
    public static bool RingsAt(Instant? alarm, Instant at) => alarm is { } set && Math.Abs((set - at).BclCompatibleTicks) <= 10;
}
