using System.Reflection;
using System.Text.Json.Serialization;

namespace BacGiang.Incidents.Domain.Events;

public static class EventTypes
{
    private static readonly Dictionary<Type, string> Names = typeof(IncidentEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    /// <summary>The event's public type name, the same the timeline's JSON carries in "type".</summary>
    public static string NameOf(IncidentEvent e) => Names[e.GetType()];

    public static string NameOf<T>() where T : IncidentEvent => Names[typeof(T)];
}
