using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// The retention job (issue 13): finds incidents that ended more than <see cref="RetentionOptions.ReporterContactAfterEnd"/>
/// ago with their reporters' data still there, and has each erase it. Durable by construction: what is due is read
/// from the incidents table each time, so a sweep cut short by a crash is finished by the next one, on any silo; an
/// incident asked twice (two silos at once) erases once.
/// </summary>
public sealed class RetentionSweeper(
    NpgsqlDataSource database,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    IOptions<RetentionOptions> options,
    IClock clock,
    ILogger<RetentionSweeper> logger) : Sweeper(lifetime, logger)
{
    protected override string What => "Retention";

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override bool Transient(Exception e) => e is NpgsqlException or TimeoutException or OrleansException;

    protected override async Task<bool> Sweep(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var after = Duration.FromTimeSpan(settings.ReporterContactAfterEnd);
        var due = await Due(clock.GetCurrentInstant() - after, settings.Batch, cancellationToken);
        var erased = 0;
        foreach (var incidentId in due)
            if (await grains.GetGrain<IIncidentGrain>(incidentId).ErasePersonalData(after)) erased++;
        if (erased > 0) logger.LogInformation("Retention: personal data of {Count} incidents erased", erased);
        if (await DeleteSnapshotsFromBeforeRedaction(database, cancellationToken) is > 0 and var stale)
            logger.LogInformation("Retention: {Count} snapshots from before their incident's redaction deleted", stale);
        return due.Count == settings.Batch;
    }

    /// <summary>
    /// An erasure deletes the incident's snapshot in its own commit; a version without snapshots (during a rolling
    /// upgrade) did not, and left a snapshot from before the redaction that still holds what was erased.
    /// </summary>
    public static async Task<int> DeleteSnapshotsFromBeforeRedaction(NpgsqlDataSource database, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM incident_snapshots s
             WHERE EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = s.incident_id AND e.seq > s.seq AND e.type = $1)
            """);
        command.Parameters.AddWithValue(EventTypes.NameOf<PersonalDataRedacted>());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> Due(Instant endedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT incident_id FROM incidents
             WHERE personal_data_redacted_at IS NULL AND status IN ('closed', 'rejected', 'merged') AND updated_at < $1
             ORDER BY updated_at
             LIMIT $2
            """);
        command.Parameters.AddWithValue(endedBefore.ToDateTimeUtc());
        command.Parameters.AddWithValue(limit);
        var due = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) due.Add(reader.GetString(0));
        return due;
    }
}
