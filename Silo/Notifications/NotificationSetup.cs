using BacGiang.Incidents.Grains.Notifications;
using BacGiang.Incidents.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Silo.Notifications;

public static class NotificationSetup
{
    /// <summary>The PostgreSQL outbox, its dispatcher and the channels; needs an NpgsqlDataSource and an IClock registered.</summary>
    public static IServiceCollection AddPostgresNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<INotificationChannels, ConfiguredChannels>();
        services.AddSingleton<INotificationOutbox, PostgresNotificationOutbox>();
        services.AddSingleton<IOpenIncidentSource, PostgresOpenIncidents>();
        services.AddSingleton<ISmsGateway>(sp => new EsmsGateway(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<IOptions<SmsOptions>>(), sp.GetRequiredService<IOptions<NotificationOptions>>()));
        services.AddSingleton<INotificationSender, ConsoleSender>();
        services.AddSingleton<INotificationSender, ZaloSender>();
        services.AddSingleton<INotificationSender, SmsSender>();
        services.AddHostedService<NotificationDispatcher>();
        return services;
    }
}
