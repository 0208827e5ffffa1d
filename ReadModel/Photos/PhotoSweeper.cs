using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>The silo's side of section "Photos": how long an upload no report or resolution named is kept.</summary>
public sealed class PhotoRetentionOptions
{
    public const string Section = "Photos";

    /// <summary>An upload that no report or resolution named within this time is deleted.</summary>
    public TimeSpan UnreferencedAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each silo looks for such uploads.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most photos one sweep deletes.</summary>
    [Range(1, 10_000)] public int Batch { get; set; } = 500;
}

/// <summary>
/// Deletes uploads that nothing named (issue 14): a citizen who uploaded and never filed, or someone filling the
/// table through the anonymous endpoint. What is due is read from the table each time, so any silo may run it.
/// </summary>
public sealed class PhotoSweeper(
    NpgsqlDataSource database, IHostApplicationLifetime lifetime, IOptions<PhotoRetentionOptions> options, IClock clock, ILogger<PhotoSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.Wait(lifetime, stoppingToken)) return;
        var settings = options.Value;
        var store = new PhotoStore(database);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var deleted = await store.DeleteUnreferenced(clock.GetCurrentInstant() - Duration.FromTimeSpan(settings.UnreferencedAfter), settings.Batch, stoppingToken);
                full = deleted == settings.Batch;
                if (deleted > 0) logger.LogInformation("Photos: {Count} uploads that no report named deleted", deleted);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Photo sweep failed; trying again in {SweepInterval}", settings.SweepInterval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (!full) await HostStarted.Pause(settings.SweepInterval, stoppingToken);
        }
    }
}
