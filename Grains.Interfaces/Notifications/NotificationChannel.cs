namespace BacGiang.Incidents.Notifications;

/// <summary>Where a notification goes. The console always; the others where the person has an address.</summary>
public static class NotificationChannel
{
    public const string Console = "console";
    public const string Zalo = "zalo";
    public const string Sms = "sms";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [Console, Zalo, Sms, Email];
}
