using BacGiang.Incidents.Api.Apis;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Api.Ioc;
using BacGiang.Incidents.Api.Open311;
using BacGiang.Incidents.Api.Photos;
using BacGiang.Incidents.Api.Zalo;
using BacGiang.Incidents.Telemetry;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

// Until configuration is read, log to the console so a failed start still says why.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Services.AddSerilog((services, logger) =>
    {
        logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services)
            .Enrich.FromLogContext().Enrich.WithProperty("Application", "api");
        if (builder.Configuration.GetValue<bool>("Logging:Json")) logger.WriteTo.Console(new CompactJsonFormatter());
        else logger.WriteTo.Console(outputTemplate: BacGiang.Incidents.Telemetry.TelemetrySetup.LogTemplate);
    }).CacheLoggers();
    builder.AddIncidentApi();

    var app = builder.Build();
    // First: everything after it (rate limits, logs) sees the client's address, taken from X-Forwarded-For only
    // when the request came through one of RateLimits:KnownProxies.
    app.UseForwardedHeaders();
    app.UseSecurityHeaders();
    app.UseResponseCompression();
    app.UseExceptionHandler();
    // Bare error statuses (401 and 403 from authorization, 404 and 405 from routing, 415 from binding) get a
    // problem+json body whatever the client accepts: the default writer falls back to text/plain for a client that
    // does not accept JSON.
    app.UseStatusCodePages(context => TypedResults.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
    app.UseSerilogRequestLogging();
    app.UseQueryGuard();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.UseDefaultFiles();
    app.UseStaticFiles();

    // The one document there is, at its fixed address: the default route takes any name and answers an unknown one in plain text.
    app.MapOpenApi("/openapi/v1.json");
    app.MapScalarApiReference("/docs");
    app.MapIncidentHealth();
    app.MapOperatorPages();
    app.MapReportsApi();
    app.MapPhotosApi();
    app.MapIncidentsApi();
    app.MapCrewsApi();
    app.MapListsApi();
    app.MapSearchApi();
    app.MapAuditApi();
    app.MapEscalationsApi();
    app.MapUnitsApi();
    app.MapOpen311Api();
    app.MapIocApi();
    app.MapZaloWebhook();
    app.MapLiveApi();
    app.MapPublicApi();
    app.MapAuthApi();
    app.MapDevTokenApi();

    await app.RunAsync();
    return 0;
}
catch (Exception e)
{
    Log.Fatal(e, "API stopped: {Reason}", e.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
