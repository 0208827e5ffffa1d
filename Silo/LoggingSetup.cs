using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Formatting.Compact;

namespace BacGiang.Incidents.Silo;

public static class LoggingSetup
{
    /// <summary>Serilog from the "Serilog" section; console as text, or compact JSON when Logging:Json is true.</summary>
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string application)
    {
        logger.ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", application);
        return configuration.GetValue<bool>("Logging:Json")
            ? logger.WriteTo.Console(new CompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: BacGiang.Incidents.Telemetry.TelemetrySetup.LogTemplate);
    }
}
