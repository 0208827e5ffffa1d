using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Notifications;

/// <summary>
/// The system as processes, with an SMS gateway stand-in and ladders short enough to watch: a fire must be
/// acknowledged within 2 s; level 1 (the commune's on-duty officer) repeats every 6 s, up to 4 times; level 2 (the
/// commune's chairman) fires 30 s past the deadline. In Đại Sơn (07627) officer 1 is on duty round the clock and the
/// other officers are off the rota, so who is on duty does not depend on when the test runs.
/// </summary>
public sealed class NotificationSystemFixture : SystemFixture
{
    public const string Commune = "07627";
    public const string OnDutyOfficer = "c07627-officer-1";
    public const string Chairman = "c07627-chairman";
    public const string SmsCallbackSecret = "sms-callback-test-secret";

    private readonly DataCopy data = new DataCopy()
        .WithPolicy("fire,P1", "fire,P1,24x7,PT2S,PT1H,test-ack,urgent-resolve,false")
        .WithLadder("test-ack", "test-ack,1,PT0S,commune-officer,4,PT6S", "test-ack,2,PT30S,commune-chairman,0,", "test-ack,3,PT1H,provincial-supervisor,0,")
        .WithRoster(row => row.StartsWith($"commune,{Commune},c{Commune}-officer-", StringComparison.Ordinal)
            ? Duty(row, row.Contains(OnDutyOfficer + ",", StringComparison.Ordinal) ? "always" : "")
            : row);

    public FakeSmsGateway Sms { get; } = new();

    protected override string DataDirectory => data.Directory;

    protected override void ConfigureSilo(Dictionary<string, string> silo)
    {
        silo["Sms__BaseUrl"] = Sms.BaseUrl.ToString();
        silo["Sms__ApiKey"] = "test-api-key";
        silo["Sms__SecretKey"] = "test-secret-key";
        silo["Sms__Brandname"] = "BACGIANG";
        silo["Sms__CallbackSecret"] = SmsCallbackSecret;
        silo["Notifications__PublicBaseUrl"] = Http.BaseAddress!.ToString();
        // A two-minute gateway outage should end in deliveries within seconds, not after a 5-minute back-off.
        silo["Notifications__LastRetry"] = "00:00:05";
    }

    protected override void ConfigureApi(Dictionary<string, string> api) => api["Sms__CallbackSecret"] = SmsCallbackSecret;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Sms.Dispose();
        data.Dispose();
    }

    /// <summary>The roster row with its duty column (the sixth) replaced.</summary>
    private static string Duty(string row, string duty)
    {
        var fields = row.Split(',');
        fields[5] = duty;
        return string.Join(',', fields);
    }
}
