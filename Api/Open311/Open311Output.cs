using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Open311;

/// <summary>The two formats GeoReport v2 names by the resource's suffix: <c>.json</c> and <c>.xml</c>.</summary>
public enum Open311Format
{
    Json,
    Xml,
}

/// <summary>Names a resource's XML element (<c>request</c>) and, when it is listed at the top, the list's (<c>service_requests</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class Open311ElementAttribute(string element, string? list = null) : Attribute
{
    public string Element { get; } = element;
    public string? List { get; } = list;
}

/// <summary>For a list of plain values inside a resource: the XML element of each item (<c>formats</c> holds <c>format</c>s).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class Open311ItemAttribute(string element) : Attribute
{
    public string Element { get; } = element;
}

/// <summary>
/// An Open311 answer, written in the format the endpoint serves (the route's <see cref="Open311Format"/> metadata).
/// JSON is System.Text.Json over the model; XML walks the very contract System.Text.Json uses for that model (its
/// property names, order and getters), so the two formats cannot disagree on a field: the spec's Spark convention,
/// where JSON is a mechanical mapping of the XML, read backwards.
/// </summary>
public sealed class Open311Result(object body, int status = StatusCodes.Status200OK) : IResult
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string XmlType = "text/xml; charset=utf-8";

    public object Body { get; } = body;
    public int Status { get; } = status;

    public static Open311Result Error(int status, string description) => new(new[] { new Open311Error(status, description) }, status);

    public static Open311Format FormatOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Open311FormatMetadata>()?.Format ?? Open311Format.Json;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (FormatOf(httpContext) == Open311Format.Xml)
        {
            response.ContentType = XmlType;
            var bytes = Open311Xml.Write(Body, json);
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
        else
        {
            response.ContentType = JsonType;
            await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), json, httpContext.RequestAborted);
        }
    }
}

/// <summary>Endpoint metadata: which format a route serves.</summary>
public sealed record Open311FormatMetadata(Open311Format Format);

/// <summary>
/// GeoReport v2 XML from the JSON contract: a top-level list becomes its list element holding one element per item
/// (<c>&lt;service_requests&gt;&lt;request&gt;</c>), an object its element, each property an element of the same
/// name in the same order, a nested list an element holding its items, and null an empty element (the spec's
/// <c>&lt;account_id/&gt;</c> where JSON has <c>null</c>). No namespace, UTF-8 with its declaration, as the spec asks.
/// </summary>
public static class Open311Xml
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        OmitXmlDeclaration = false,
        // A carriage return in a description comes back as one (a parser would otherwise turn it into a line feed).
        NewLineHandling = NewLineHandling.Entitize,
    };

    public static byte[] Write(object body, JsonSerializerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            if (body is IEnumerable items and not string)
            {
                var itemType = ItemType(body.GetType());
                var names = itemType.GetCustomAttributes(typeof(Open311ElementAttribute), false).OfType<Open311ElementAttribute>().SingleOrDefault()
                    ?? throw new InvalidOperationException($"{itemType.Name} has no Open311 element name.");
                writer.WriteStartElement(names.List ?? throw new InvalidOperationException($"{itemType.Name} is not listed at the top."));
                foreach (var item in items) Value(writer, names.Element, item, options);
                writer.WriteEndElement();
            }
            else
            {
                Value(writer, ElementOf(body.GetType()), body, options);
            }
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void Value(XmlWriter writer, string name, object? value, JsonSerializerOptions options, string? itemName = null)
    {
        writer.WriteStartElement(name);
        switch (value)
        {
            case null:
                break;
            case string text:
                writer.WriteString(Clean(text));
                break;
            case bool flag:
                writer.WriteString(flag ? "true" : "false");
                break;
            case double number:
                // What System.Text.Json writes for the same number: the shortest text that reads back to it.
                writer.WriteString(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable number when value.GetType().IsPrimitive || value is decimal:
                writer.WriteString(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable items:
                var item = itemName ?? ElementOf(ItemType(value.GetType()));
                foreach (var each in items) Value(writer, item, each, options);
                break;
            default:
                var contract = options.GetTypeInfo(value.GetType());
                if (contract.Kind != JsonTypeInfoKind.Object) throw new InvalidOperationException($"No XML form for {value.GetType().Name}.");
                foreach (var property in contract.Properties)
                {
                    if (property.Get is not { } get) continue;
                    var items = property.AttributeProvider?.GetCustomAttributes(typeof(Open311ItemAttribute), false).OfType<Open311ItemAttribute>().SingleOrDefault();
                    Value(writer, property.Name, get(value), options, items?.Element);
                }
                break;
        }
        writer.WriteEndElement();
    }

    private static string ElementOf(Type type) =>
        type.GetCustomAttributes(typeof(Open311ElementAttribute), false).OfType<Open311ElementAttribute>().SingleOrDefault()?.Element
        ?? throw new InvalidOperationException($"{type.Name} has no Open311 element name.");

    private static Type ItemType(Type list) =>
        list.IsArray ? list.GetElementType()!
        : list.GetInterfaces().Append(list).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
          ?? throw new InvalidOperationException($"{list.Name} is not a typed list.");

    /// <summary>
    /// XML 1.0 cannot carry most control characters at all (JSON escapes them): a description or an echoed path
    /// with one gets U+FFFD in its place rather than a document no parser reads.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c);
            if (pair)
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                continue;
            }
            clean ??= new StringBuilder(text, 0, i, text.Length);
            clean.Append('\uFFFD');
        }
        return clean?.ToString() ?? text;
    }
}
