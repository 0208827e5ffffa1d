using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Grains;

public static class IncidentDomainServices
{
    /// <summary>Reference data, routing and the clock the grains need; data is loaded and checked once, at start.</summary>
    public static IServiceCollection AddIncidentDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DuplicateOptions>().Bind(configuration.GetSection(DuplicateOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SnapshotOptions>().Bind(configuration.GetSection(SnapshotOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SnapshotPolicy(sp.GetRequiredService<IOptions<SnapshotOptions>>().Value));
        services.AddSingleton(sp => IncidentAlarm.From(
            sp.GetRequiredService<IOptions<Orleans.Configuration.GrainCollectionOptions>>().Value, sp.GetRequiredService<IOptions<ReadModel.SlaAlarmOptions>>().Value));
        services.AddOptions<CameraOptions>().Bind(configuration.GetSection(CameraOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Zalo.ZaloOptions>().Bind(configuration.GetSection(Zalo.ZaloOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // One long-lived client with pooled connections renewed every few minutes (DNS changes reach it).
        services.AddSingleton<Zalo.IZaloOaClient>(sp => new Zalo.ZaloOaClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) },
            sp.GetRequiredService<IOptions<Zalo.ZaloOptions>>(), sp.GetRequiredService<IGrainFactory>()));
        services.AddSingleton<Zalo.IZaloOAuthClient>(sp => new Zalo.ZaloOAuthClient(
            new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, sp.GetRequiredService<IOptions<Zalo.ZaloOptions>>()));
        services.AddOptions<ReferenceDataOptions>().Bind(configuration.GetSection(ReferenceDataOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ReferenceDataLoader.Load(sp.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.ResolvedDirectory));
        services.AddSingleton(sp => new Router(sp.GetRequiredService<ReferenceData>(), sp.GetRequiredService<IOptions<RoutingOptions>>().Value.Serves));
        services.AddSingleton<IClock>(SystemClock.Instance);
        // The position limits and ranking weights are NodaTime durations and metres with sound defaults (docs/dispatch.md).
        services.AddOptions<FieldDispatch.DispatchOptions>();
        services.AddMetrics();
        services.AddSingleton<IncidentMetrics>();
        services.AddSingleton<GrainReferences>();
        services.AddHostedService<ReferenceDataCheck>();
        services.AddOptions<Notifications.NotificationOptions>().Bind(configuration.GetSection(Notifications.NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Notifications.EscalationNotifier>();
        services.AddSingleton<IncidentDeliverer>();
        return services;
    }

    /// <summary>
    /// Loads the data before the silo joins the cluster, so a bad file stops start-up instead of the first grain call;
    /// holiday data running out soon is only a warning, since everything else still works.
    /// </summary>
    private sealed class ReferenceDataCheck(IServiceProvider services, IClock clock, ILogger<ReferenceDataCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<Router>();
            services.GetRequiredService<ReferenceData>().Sla.Holidays.WarnIfShort(logger, ReferenceData.DateOf(clock.GetCurrentInstant()));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
