using System.Collections;
using System.Reflection;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Silo;
using Orleans.Hosting.Kubernetes;

namespace BacGiang.Incidents.Tests.Deploy;

/// <summary>
/// The settings a process reads, found by reflection over its built assemblies: every class with a
/// <c>const string Section</c> (walked property by property, lists by index, dictionaries by any key), plus the few
/// names read outside an options class. An environment variable <c>Section__Key</c> set in a deploy file must be one.
/// </summary>
public sealed class KnownSettings
{
    private readonly List<(string Section, Type Type)> sections;
    private readonly HashSet<string> names;
    private readonly string[] prefixes;

    private KnownSettings(string process, List<(string, Type)> sections, IEnumerable<string> names, string[] prefixes)
    {
        Process = process;
        this.sections = sections;
        this.names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        this.prefixes = prefixes;
    }

    public string Process { get; }

    public static KnownSettings Silo { get; } = For("silo", typeof(SiloHostOptions).Assembly, [],
        // Microsoft.Orleans.Hosting.Kubernetes reads these itself.
        [KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
         KubernetesHostingOptions.PodIPEnvironmentVariable],
        // A generic host: DOTNET_ only (ASPNETCORE_ variables would be silently ignored).
        ["DOTNET_"]);

    public static KnownSettings Api { get; } = For("API", typeof(HealthOptions).Assembly,
        // Bound with a literal section name, not a constant (Api/Infrastructure/ApiSetup.cs).
        [("Sms", typeof(BacGiang.Incidents.Api.Apis.SmsCallbackOptions))], [], ["DOTNET_", "ASPNETCORE_"]);

    public static KnownSettings ForImage(string image) =>
        image.Contains("silo", StringComparison.OrdinalIgnoreCase) ? Silo
        : image.Contains("api", StringComparison.OrdinalIgnoreCase) ? Api
        : throw new InvalidOperationException($"Image {image} is neither the silo nor the API.");

    private static KnownSettings For(string process, Assembly entry, (string, Type)[] extra, string[] names, string[] prefixes)
    {
        var sections = Closure(entry)
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))
            .Concat(extra)
            .ToList();
        // Read with GetConnectionString / GetValue rather than an options class.
        string[] direct = [$"ConnectionStrings__{DatabaseSettings.ConnectionStringName}", "Logging__Json"];
        return new KnownSettings(process, sections, direct.Concat(names), [.. prefixes, "Serilog__"]);
    }

    private static IEnumerable<Assembly> Closure(Assembly entry)
    {
        var seen = new Dictionary<string, Assembly>();
        var pending = new Stack<Assembly>([entry]);
        while (pending.TryPop(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("BacGiang.Incidents.", StringComparison.Ordinal)))
                pending.Push(Assembly.Load(reference));
        }
        return seen.Values;
    }

    /// <summary>Null when the process reads this environment variable; otherwise why not.</summary>
    public string? Problem(string variable)
    {
        if (names.Contains(variable) || prefixes.Any(p => variable.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return null;
        var path = variable.Split("__");
        var candidates = sections.Where(s => string.Equals(s.Section, path[0], StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 0) return $"{variable}: the {Process} binds no section '{path[0]}'";
        return candidates.Any(c => Walk(c.Type, path.AsSpan(1)))
            ? null
            : $"{variable}: no such setting in {string.Join(", ", candidates.Select(c => c.Type.Name))} (the {Process}'s '{path[0]}' section)";
    }

    private static bool Walk(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (path.IsEmpty) return !IsComplex(type) && Element(type) is null;
        if (Dictionary(type) is { } value) return Walk(value, path[1..]);
        if (Element(type) is { } element) return int.TryParse(path[0], out var i) && i >= 0 && Walk(element, path[1..]);
        if (!IsComplex(type)) return false;
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanRead: true } && Walk(property.PropertyType, path[1..]);
    }

    private static bool IsComplex(Type type) => type.IsClass && type != typeof(string) && type.Assembly.GetName().Name!.StartsWith("BacGiang.Incidents.", StringComparison.Ordinal);

    private static Type? Dictionary(Type type) =>
        Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? Element(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? null
        : type.IsArray ? type.GetElementType()
        : Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static IEnumerable<Type> Interfaces(Type type) => type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
}
