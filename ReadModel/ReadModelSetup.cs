using Microsoft.Extensions.DependencyInjection;

namespace BacGiang.Incidents.ReadModel;

public static class ReadModelSetup
{
    /// <summary>The PostgreSQL read model: needs an NpgsqlDataSource and an IClock registered.</summary>
    public static IServiceCollection AddPostgresReadModel(this IServiceCollection services)
    {
        services.AddOptions<ProjectionOptions>().BindConfiguration(ProjectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PostgresIncidentLog>();
        services.AddSingleton<IIncidentLog>(sp => sp.GetRequiredService<PostgresIncidentLog>());
        services.AddSingleton<IProjectionStatusSource>(sp => sp.GetRequiredService<PostgresIncidentLog>());
        services.AddOptions<LookupOptions>().BindConfiguration(LookupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDuplicateFinder, PostgresDuplicateFinder>();
        services.AddHostedService<ProjectionReporter>();
        // The alarms are written with the log; every silo wakes the incidents whose alarm is due.
        services.AddOptions<SlaAlarmOptions>().BindConfiguration(SlaAlarmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlaAlarms>();
        services.AddHostedService<SlaAlarmSweeper>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<RetentionSweeper>();
        services.AddOptions<PhotoRetentionOptions>().BindConfiguration(PhotoRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<PhotoSweeper>();
        return services;
    }
}
