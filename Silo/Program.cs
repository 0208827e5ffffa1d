using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Silo;
using BacGiang.Incidents.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

// Settings and data ship beside the binary; the working directory is wherever the operator happens to be.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
Log.Logger = LoggingSetup.Configure(new LoggerConfiguration(), builder.Configuration, "silo").CreateLogger();
builder.Services.AddSerilog().CacheLoggers();

try
{
    if (args.Contains("migrate"))
    {
        // `Silo migrate` applies the schema and exits: the run script and the tests call it before starting silos.
        var migrator = new SchemaMigrator(DatabaseSettings.SiloConnectionString(builder.Configuration),
            new Serilog.Extensions.Logging.SerilogLoggerFactory(Log.Logger).CreateLogger<SchemaMigrator>());
        var applied = await migrator.MigrateAsync();
        Log.Information("Schema up to date; {Count} migrations applied now", applied.Count);
        return 0;
    }

    builder.AddIncidentSilo();
    await builder.Build().RunAsync();
    return 0;
}
catch (Exception e)
{
    Log.Fatal(e, "Silo stopped: {Reason}", e.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
