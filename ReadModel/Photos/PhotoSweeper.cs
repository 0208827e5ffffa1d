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
    : Sweeper(lifetime, logger)
{
    private readonly PhotoStore store = new(database);

    protected override string What => "Photos";

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override bool Transient(Exception e) => e is NpgsqlException or TimeoutException;

    protected override async Task<bool> Sweep(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var deleted = await store.DeleteUnreferenced(clock.GetCurrentInstant() - Duration.FromTimeSpan(settings.UnreferencedAfter), settings.Batch, cancellationToken);
        if (deleted > 0) logger.LogInformation("Photos: {Count} uploads that no report named deleted", deleted);
        return deleted == settings.Batch;
    }
}
