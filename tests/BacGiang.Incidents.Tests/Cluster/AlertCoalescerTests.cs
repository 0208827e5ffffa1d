using BacGiang.Incidents.Api.Ioc;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>
/// The API answering camera alerts that join an incident their camera just told it of, and passing them on in batches
/// (ADR 0006), against real camera grains. Whether an alert reached its camera is read from the camera's own count.
/// </summary>
[Collection(ClusterCollection.Name)]
public class AlertCoalescerTests(ClusterFixture fixture)
{
    private static readonly Instant T = Instant.FromUtc(2026, 11, 23, 2, 0);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private readonly FakeClock clock = new(T);

    private AlertCoalescer Coalescer(TimeSpan? interval = null) =>
        new(new GrainReferences(fixture.Grains), Settings(interval), clock, NullLogger<AlertCoalescer>.Instance);

    private static IOptions<IocOptions> Settings(TimeSpan? interval = null) =>
        Options.Create(new IocOptions { CoalesceInterval = interval ?? TimeSpan.FromMilliseconds(100), CoalesceLease = Lease });

    private static CameraAlert Alert(Instant at, string? id = null) =>
        new() { AlertType = "fire", Confidence = 0.9, At = at, AlertId = id, SnapshotUrl = "https://ioc.example.org/s.jpg" };

    /// <summary>The camera's own count for its fire incident, read by one more alert straight to it (which it counts too).</summary>
    private async Task<int> CameraCount(string camera) =>
        (await fixture.Grains.GetGrain<ICameraGrain>(camera).Alert(Alert(T))).AlertCount;

    [Fact]
    public async Task Alerts_joining_the_incident_their_camera_just_told_of_are_answered_at_once_and_reach_it_on_the_next_pass()
    {
        const string camera = "BG-CAM-0270";
        var coalescer = Coalescer();
        var first = await coalescer.Receive(camera, Alert(T));
        Assert.False(first.Attached);

        var answers = new List<AlertOutcome>();
        for (var i = 1; i <= 5; i++) answers.Add(await coalescer.Receive(camera, Alert(T + Duration.FromSeconds(i))));

        Assert.All(answers, a => Assert.Equal((first.IncidentId, true, false), (a.IncidentId, a.Attached, a.Repeated)));
        Assert.Equal([2, 3, 4, 5, 6], answers.Select(a => a.AlertCount));
        Assert.Equal(2, await CameraCount(camera));
        await coalescer.PassOn();
        Assert.Equal(8, await CameraCount(camera));
    }

    [Fact]
    public async Task Past_the_lease_or_outside_the_incidents_window_an_alert_waits_for_its_camera()
    {
        const string camera = "BG-CAM-0271";
        var coalescer = Coalescer();
        var first = await coalescer.Receive(camera, Alert(T));

        // An hour later by the camera's time: beyond the correlation window, so a new incident.
        var later = await coalescer.Receive(camera, Alert(T + Duration.FromHours(1)));
        Assert.False(later.Attached);
        Assert.NotEqual(first.IncidentId, later.IncidentId);

        clock.Advance(Duration.FromTimeSpan(Lease) + Duration.FromSeconds(1));
        var afterLease = await coalescer.Receive(camera, Alert(T + Duration.FromHours(1)));
        Assert.Equal((later.IncidentId, true, 2), (afterLease.IncidentId, afterLease.Attached, afterLease.AlertCount));
        // Both reached the camera before they were answered: nothing was waiting for a pass.
        var direct = await fixture.Grains.GetGrain<ICameraGrain>(camera).Alert(Alert(T + Duration.FromHours(1)));
        Assert.Equal(3, direct.AlertCount);
    }

    [Fact]
    public async Task An_alert_sent_again_is_answered_as_a_repeat_and_counted_once()
    {
        const string camera = "BG-CAM-0272";
        var coalescer = Coalescer();
        await coalescer.Receive(camera, Alert(T, "ioc-1"));
        var second = await coalescer.Receive(camera, Alert(T + Duration.FromSeconds(1), "ioc-2"));
        var again = await coalescer.Receive(camera, Alert(T + Duration.FromSeconds(1), "ioc-2"));
        var firstAgain = await coalescer.Receive(camera, Alert(T, "ioc-1"));

        Assert.Equal((false, 2), (second.Repeated, second.AlertCount));
        Assert.Equal((true, 2), (again.Repeated, again.AlertCount));
        Assert.True(firstAgain.Repeated);
        await coalescer.PassOn();
        Assert.Equal(3, await CameraCount(camera));
    }

    [Fact]
    public async Task An_API_that_stops_passes_on_what_it_answered_first()
    {
        const string camera = "BG-CAM-0275";
        // A pass every 10 s: none comes during the test, so only stopping can pass the alerts on.
        var coalescer = Coalescer(TimeSpan.FromSeconds(10));
        await coalescer.StartAsync(CancellationToken.None);
        await coalescer.Receive(camera, Alert(T));
        for (var i = 1; i <= 3; i++) await coalescer.Receive(camera, Alert(T + Duration.FromSeconds(i)));

        await coalescer.StopAsync(CancellationToken.None);
        Assert.Equal(5, await CameraCount(camera));
    }

    [Fact]
    public async Task With_coalescing_off_every_alert_reaches_its_camera_before_it_is_answered()
    {
        const string camera = "BG-CAM-0273";
        var coalescer = Coalescer(TimeSpan.Zero);
        await coalescer.Receive(camera, Alert(T));
        var second = await coalescer.Receive(camera, Alert(T + Duration.FromSeconds(1)));

        Assert.Equal(2, second.AlertCount);
        Assert.Equal(3, await CameraCount(camera));
    }

    [Fact]
    public async Task Alerts_whose_pass_failed_are_passed_on_again_and_counted_once()
    {
        var camera = new FlakyCamera();
        var coalescer = new AlertCoalescer(_ => camera, Settings(), clock, NullLogger<AlertCoalescer>.Instance);
        await coalescer.Receive("BG-CAM-0274", Alert(T));
        for (var i = 1; i <= 3; i++) await coalescer.Receive("BG-CAM-0274", Alert(T + Duration.FromSeconds(i)));

        camera.FailNext = true;
        await coalescer.PassOn();
        Assert.Equal(1, camera.Taken);
        Assert.Equal(5, (await coalescer.Receive("BG-CAM-0274", Alert(T + Duration.FromSeconds(4)))).AlertCount);
        await coalescer.PassOn();
        await coalescer.PassOn();
        // The three that failed and the one after them went in one call; the last pass had nothing to send.
        Assert.Equal((5, 1), (camera.Taken, camera.Calls));
    }

    /// <summary>A camera whose next batch call fails (as when its silo is down), counting what it takes.</summary>
    private sealed class FlakyCamera : ICameraGrain
    {
        public bool FailNext { get; set; }
        public int Taken { get; private set; }
        public int Calls { get; private set; }

        public Task<AlertOutcome> Alert(CameraAlert alert) => Task.FromResult(Take(alert));

        public Task<IReadOnlyList<AlertOutcome?>> Alerts(IReadOnlyList<CameraAlert> alerts)
        {
            if (FailNext)
            {
                FailNext = false;
                return Task.FromException<IReadOnlyList<AlertOutcome?>>(new TimeoutException("The silo did not answer."));
            }
            Calls++;
            return Task.FromResult<IReadOnlyList<AlertOutcome?>>(alerts.Select(a => (AlertOutcome?)Take(a)).ToList());
        }

        private AlertOutcome Take(CameraAlert alert)
        {
            Taken++;
            return new AlertOutcome("BG-FLAK-YCAM", Taken > 1, Taken, Repeated: false)
            {
                JoinsFrom = T - Duration.FromMinutes(10), JoinsUntil = alert.At + Duration.FromMinutes(10),
            };
        }
    }
}
