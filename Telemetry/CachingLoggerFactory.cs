using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BacGiang.Incidents.Telemetry;

/// <summary>
/// One logger per category, made once. Serilog's factory (what <c>AddSerilog</c> registers) builds a new logger, with
/// its own event-id cache, on every <see cref="CreateLogger"/>, and ASP.NET Core's typed results ask for one on every
/// response they write: in an allocation trace of the API under report load those loggers were 5% of its garbage.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

public static class LoggerCaching
{
    /// <summary>Wraps the logger factory registered last (call it after <c>AddSerilog</c>) in a <see cref="CachingLoggerFactory"/>.</summary>
    public static IServiceCollection CacheLoggers(this IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory((ILoggerFactory)(
            registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        return services;
    }
}
