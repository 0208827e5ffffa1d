using System.Text.Json;
using System.Text.Json.Serialization;
using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Intake;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;

namespace BacGiang.Incidents.Api.Infrastructure;

public static class ApiSetup
{
    public const string ConnectionStringName = "Incidents";

    public static IHostApplicationBuilder AddIncidentApi(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set (environment variable ConnectionStrings__{ConnectionStringName}).");

        var services = builder.Services;
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddOptions<ReferenceDataOptions>().BindConfiguration(ReferenceDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ReferenceDataLoader.Load(sp.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.ResolvedDirectory));
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportValidator>();
        services.AddSingleton<IReportIntake, ReportIntake>();
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));

        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddIncidentRateLimits();
        services.AddOpenApi(o => o.AddSchemaTransformer<NodaTimeSchemaTransformer>());
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres")
            .AddCheck<ClusterHealthCheck>("cluster");

        builder.AddIncidentAuth();
        builder.AddIncidentClusterClient(connectionString);
        return builder;
    }

    /// <summary>camelCase fields, snake_case enum values (in_progress, not_fixed), ISO-8601 instants.</summary>
    public static JsonSerializerOptions ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }
}
