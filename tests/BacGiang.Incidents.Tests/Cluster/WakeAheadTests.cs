using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>
/// ADR 0007 on the real clock: an incident whose step is further off than an idle incident stays activated is
/// collected by Orleans itself, woken by the sweep ahead of its step, and fires the step from its new activation.
/// Scaled down: incidents collected after 15 s idle, woken 10 s ahead, fires acknowledged within 40 s.
/// </summary>
public sealed class WakeAheadTests : IAsyncLifetime
{
    private static readonly Duration Ahead = Duration.FromSeconds(10);
    private readonly DataCopy data = new DataCopy().WithPolicy("fire,P1", "fire,P1,24x7,PT40S,PT1H,urgent-ack,urgent-resolve,false");
    private InProcessTestCluster cluster = null!;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("wakeahead");
        cluster = await InProcessCluster.StartAsync(connectionString, dataDirectory: data.Directory,
            settings: new Dictionary<string, string?> { ["SlaAlarms:WakeAhead"] = Ahead.ToTimeSpan().ToString() },
            configureSilo: silo => silo.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionQuantum = TimeSpan.FromSeconds(1);
                o.CollectionAge = TimeSpan.FromSeconds(15);
            }));
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
        data.Dispose();
    }

    [Fact]
    public async Task An_incident_collected_while_idle_is_woken_ahead_of_its_step_and_fires_it_from_its_new_activation()
    {
        var id = TrackingCode.NewRandom().Value;
        var grain = cluster.Client.GetGrain<IIncidentGrain>(id);
        Assert.Equal(FileOutcome.Created, (await grain.File(Reports.Garbage() with { Category = "fire" }, Actor.Citizen("app"))).Outcome);
        var due = (await grain.GetSla())!.Pending[0].DueAt;
        // 40 s off is further than the 15 s an idle incident stays: the alarm rings ahead of the step.
        var alarm = await AlarmRows.For(connectionString, id);
        Assert.True(AlarmRows.RingsAt(alarm, due - Ahead), $"alarm {alarm}, first step due {due}");

        await Eventually.True(() => Task.FromResult(!cluster.TryGetGrainContext(grain.GetGrainId(), out _)), "the idle incident collected");
        // The sweep woke it ahead: the new activation holds the timer, and the alarm is now the step itself, the backstop.
        await Eventually.True(async () => AlarmRows.RingsAt(await AlarmRows.For(connectionString, id), due) || await Escalated(id),
            "the alarm moved to the step by the early wake");
        Assert.False(await Escalated(id), "the sweep woke the incident only at its step, not ahead of it");
        Assert.True(cluster.TryGetGrainContext(grain.GetGrainId(), out _), "woken ahead, the incident is active");

        await Eventually.True(() => Escalated(id), "the step fired");
        var row = (await EscalationRows.For(connectionString, id)).First();
        Assert.Equal(("ack", 1, 0), (row.Kind, row.Level, row.Repeat));
        Assert.True(row.FiredAt >= row.DueAt);
    }

    private async Task<bool> Escalated(string id) => (await EscalationRows.For(connectionString, id)).Count > 0;
}
