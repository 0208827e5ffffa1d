using BacGiang.Incidents.Grains;
using BacGiang.Incidents.ReadModel;
using NodaTime;
using Orleans.Configuration;

namespace BacGiang.Incidents.Tests.Sla;

/// <summary>When an incident's alarm rings: at its step while its activation will still be there, ahead of it otherwise.</summary>
public sealed class IncidentAlarmTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 3, 2, 0);
    private static readonly Duration Ahead = Duration.FromSeconds(30);
    // The defaults: an idle incident stays activated for 15 minutes.
    private static readonly IncidentAlarm Alarm = IncidentAlarm.From(new GrainCollectionOptions(), new SlaAlarmOptions());

    [Fact]
    public void A_step_within_the_collection_age_rings_at_the_step_itself_since_the_activation_s_timer_fires_it()
    {
        var step = Now + Duration.FromMinutes(15);
        Assert.Equal(step, Alarm.For(step, Now));
    }

    [Fact]
    public void A_step_further_off_than_an_idle_incident_stays_activated_rings_ahead_of_it()
    {
        var step = Now + Duration.FromMinutes(15) + Duration.FromTicks(1);
        Assert.Equal(step - Ahead, Alarm.For(step, Now));
        Assert.Equal(Now + Duration.FromHours(4) - Ahead, Alarm.For(Now + Duration.FromHours(4), Now));
    }

    [Fact]
    public void Woken_ahead_the_incident_sets_the_alarm_to_the_step_itself_so_the_sweep_does_not_wake_it_again()
    {
        var step = Now + Duration.FromHours(4);
        var woken = Alarm.For(step, Now)!.Value + Duration.FromSeconds(2);
        Assert.Equal(step, Alarm.For(step, woken));
    }

    [Fact]
    public void No_step_no_alarm_and_a_class_specific_collection_age_counts()
    {
        Assert.Null(Alarm.For(null, Now));
        var collection = new GrainCollectionOptions { ClassSpecificCollectionAge = { [typeof(IncidentGrain).FullName!] = TimeSpan.FromHours(1) } };
        var alarm = IncidentAlarm.From(collection, new SlaAlarmOptions());
        Assert.Equal(Now + Duration.FromMinutes(30), alarm.For(Now + Duration.FromMinutes(30), Now));
    }
}
