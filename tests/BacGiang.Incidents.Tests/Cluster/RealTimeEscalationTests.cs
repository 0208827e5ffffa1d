using System.Diagnostics;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Tests.Support;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>
/// The real clock, the silo's SLA alarm sweep and a 2-second acknowledgement SLA for fires: proves the grain timer
/// and the alarm backstop fire on their own. Waits on conditions, asserts no durations.
/// </summary>
public sealed class RealTimeEscalationTests(ITestOutputHelper log) : IAsyncLifetime
{
    // Fires must be acknowledged within 2 s here (5 min in the shipped data).
    private readonly DataCopy data = new DataCopy().WithPolicy("fire,P1", "fire,P1,24x7,PT2S,PT1H,urgent-ack,urgent-resolve,false");
    private InProcessTestCluster cluster = null!;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("realtime");
        cluster = await InProcessCluster.StartAsync(connectionString, dataDirectory: data.Directory);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
        data.Dispose();
    }

    private async Task<string> FileFire()
    {
        var id = TrackingCode.NewRandom().Value;
        var result = await cluster.Client.GetGrain<IIncidentGrain>(id).File(Reports.Garbage() with { Category = "fire" }, Actor.Citizen("app"));
        Assert.Equal(FileOutcome.Created, result.Outcome);
        return id;
    }

    private async Task<EscalationRow> FirstEscalation(string id)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if ((await EscalationRows.For(connectionString, id)).FirstOrDefault() is { } row) return row;
            await Task.Delay(200);
        }
        throw new TimeoutException($"No escalation recorded for {id} within 90 s.");
    }

    [Fact]
    public async Task The_grain_timer_escalates_an_active_incident_by_itself()
    {
        var id = await FileFire();
        var row = await FirstEscalation(id);
        Assert.Equal(("ack", 1, 0), (row.Kind, row.Level, row.Repeat));
        Assert.True(row.FiredAt >= row.DueAt);
        log.WriteLine($"timer: lateness {row.LatenessMs} ms");
    }

    [Fact]
    public async Task The_alarm_sweep_wakes_a_deactivated_incident_and_it_escalates()
    {
        var id = await FileFire();
        // The alarm was written with the filing, at the first step's due time.
        var due = (await cluster.Client.GetGrain<IIncidentGrain>(id).GetSla())!.Pending[0].DueAt;
        var alarm = await AlarmRows.For(connectionString, id);
        Assert.True(AlarmRows.RingsAt(alarm, due), $"alarm {alarm}, first step due {due}");
        var grain = cluster.Client.GetGrain<IIncidentGrain>(id);
        await cluster.DeactivateAsync(grain);
        Assert.False(cluster.TryGetGrainContext(grain.GetGrainId(), out _));

        var row = await FirstEscalation(id);
        Assert.Equal(("ack", 1, 0), (row.Kind, row.Level, row.Repeat));
        Assert.True(row.FiredAt >= row.DueAt);
        log.WriteLine($"alarm backstop: lateness {row.LatenessMs} ms");
    }
}
