using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Intake;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Api.Infrastructure;

public static class ApiSetup
{
    public static IHostApplicationBuilder AddIncidentApi(this IHostApplicationBuilder builder)
    {
        var connectionString = DatabaseSettings.ConnectionString(builder.Configuration);

        var services = builder.Services;
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddOptions<ReferenceDataOptions>().BindConfiguration(ReferenceDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ReferenceDataLoader.Load(sp.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.ResolvedDirectory));
        // The silo's own setting: the console lists the communes the silos route to.
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportValidator>();
        services.AddSingleton<GrainReferences>();
        services.AddSingleton<IReportIntake, ReportIntake>();
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<IncidentSearch>();
        services.AddSingleton<EscalationAudit>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<OpenIncidentCells>();
        services.AddSingleton<Apis.PublicApi.TransparencyCache>();
        services.AddOptions<Photos.PhotoOptions>().BindConfiguration(Photos.PhotoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Photos.PhotoProcessor>();
        services.AddSingleton<PhotoStore>();
        services.AddOptions<Auth.PersonalDataOptions>().BindConfiguration(Auth.PersonalDataOptions.Section);
        services.AddOptions<Apis.SmsCallbackOptions>().BindConfiguration("Sms");
        services.AddSingleton<SlaReport>();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<Live.UnitFeeds>();
        services.AddSingleton<Open311.Open311Requests>();
        services.AddOptions<Open311.Open311Options>().BindConfiguration(Open311.Open311Options.Section);
        services.AddOptions<Ioc.IocOptions>().BindConfiguration(Ioc.IocOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Ioc.AlertCoalescer>(sp));
        services.AddOptions<Zalo.ZaloWebhookOptions>().BindConfiguration(Zalo.ZaloWebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.ConfigureHttpJsonOptions(o => IncidentJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        // Lists of hundreds of incidents travel to laptops and phones on commune networks: JSON shrinks about tenfold.
        // Server-sent events are left out, since compression would hold live updates back in its buffer.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["application/json", "application/problem+json", "text/xml", "text/csv", "text/html", "text/css", "text/javascript", "application/javascript"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddIncidentRateLimits();
        services.AddOpenApi(o => o.AddSchemaTransformer<NodaTimeSchemaTransformer>().AddSchemaTransformer<Open311.Open311SchemaTransformer>());
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres")
            .AddCheck<ClusterHealthCheck>("cluster")
            .AddCheck<ProjectionHealthCheck>("projection")
            .AddCheck<HolidayCoverageCheck>("holidays");
        services.AddHostedService<HolidayCoverageWarning>();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.AddIncidentAuth();
        builder.AddApiTelemetry();
        builder.AddIncidentClusterClient(connectionString);
        // After the cluster client, so it stops first: feeds unsubscribe while the client can still reach the cluster.
        services.AddHostedService(sp => sp.GetRequiredService<Live.UnitFeeds>());
        // Also after it: the alerts answered by the API reach their cameras before the client stops.
        services.AddHostedService(sp => sp.GetRequiredService<Ioc.AlertCoalescer>());
        return builder;
    }
}
