using BacGiang.Incidents.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace BacGiang.Incidents.Tests.Telemetry;

public class CachingLoggerFactoryTests
{
    private sealed class Collected : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Events) Events.Add(logEvent);
        }
    }

    [Fact]
    public void Serilogs_factory_behind_the_cache_makes_one_logger_per_category_and_still_writes_through_serilog()
    {
        var sink = new Collected();
        // As the hosts do: logging's own services first, then Serilog's factory, then the cache around it.
        var services = new ServiceCollection().AddLogging();
        services.AddSerilog(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true).CacheLoggers();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CachingLoggerFactory>(factory);
        var first = factory.CreateLogger("Microsoft.AspNetCore.Http.Result.CreatedResult");
        Assert.Same(first, factory.CreateLogger("Microsoft.AspNetCore.Http.Result.CreatedResult"));
        Assert.NotSame(first, factory.CreateLogger("BacGiang.Incidents.Api.Ioc"));
        // Serilog's factory alone answers each call with a new logger: the reason the cache exists.
        using var bare = new Serilog.Extensions.Logging.SerilogLoggerFactory();
        Assert.NotSame(bare.CreateLogger("x"), bare.CreateLogger("x"));

        provider.GetRequiredService<ILogger<CachingLoggerFactoryTests>>().LogWarning("Incident {IncidentId} written", "BG-7K3M-Q9TX");
        var logged = Assert.Single(sink.Events);
        Assert.Equal("\"BG-7K3M-Q9TX\"", logged.Properties["IncidentId"].ToString());
        Assert.Equal($"\"{typeof(CachingLoggerFactoryTests).FullName}\"", logged.Properties["SourceContext"].ToString());
    }
}
