using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Orleans.Serialization;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>The incidents' log on a test database, outside any silo, with the events' Orleans serializer.</summary>
public static class TestIncidentLog
{
    public static PostgresIncidentLog Create(NpgsqlDataSource database, IClock clock)
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(IncidentEvent).Assembly)).BuildServiceProvider()
            .GetRequiredService<Serializer<IncidentEvent>>();
        return new PostgresIncidentLog(database, serializer, clock, Options.Create(new ProjectionOptions()), NullLogger<PostgresIncidentLog>.Instance);
    }
}
