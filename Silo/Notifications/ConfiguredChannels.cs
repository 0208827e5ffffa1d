using BacGiang.Incidents.Grains.Notifications;
using BacGiang.Incidents.Grains.Zalo;
using BacGiang.Incidents.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Silo.Notifications;

public sealed class ConfiguredChannels : INotificationChannels
{
    private readonly HashSet<string> configured = [NotificationChannel.Console];

    public ConfiguredChannels(IOptions<ZaloOptions> zalo, IOptions<SmsOptions> sms, ILogger<ConfiguredChannels> logger)
    {
        if (zalo.Value.HasToken) configured.Add(NotificationChannel.Zalo);
        else logger.LogWarning("No Zalo:AccessToken or Zalo:RefreshToken: escalations reach staff on the console and by SMS only");
        var s = sms.Value;
        if (!string.IsNullOrEmpty(s.ApiKey) && !string.IsNullOrEmpty(s.SecretKey) && !string.IsNullOrEmpty(s.Brandname)) configured.Add(NotificationChannel.Sms);
        else logger.LogWarning("No SMS gateway (Sms:ApiKey, Sms:SecretKey, Sms:Brandname): escalations reach staff on the console and Zalo only");
    }

    public bool Configured(string channel) => configured.Contains(channel);
}
