using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BacGiang.Incidents.Api.Open311;

/// <summary>
/// The OpenAPI document describes Open311's text/xml answers with the same schemas as the JSON ones; this gives those
/// schemas the XML names <see cref="Open311Xml"/> writes: the resource's element (<c>request</c>), a top-level list's
/// wrapping element (<c>service_requests</c>), and for a list of plain values its item element (<c>format</c>).
/// Names in <c>xml</c> mean nothing to JSON, so the JSON operations are described as before.
/// </summary>
public sealed class Open311SchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.GetCustomAttribute<Open311ElementAttribute>() is { } element)
        {
            schema.Xml = new OpenApiXml { Name = element.Element };
        }
        else if (ItemType(type)?.GetCustomAttribute<Open311ElementAttribute>() is { List: { } list })
        {
            schema.Xml = new OpenApiXml { Name = list, Wrapped = true };
        }
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(Open311ItemAttribute), false).OfType<Open311ItemAttribute>().SingleOrDefault() is { } item)
        {
            schema.Xml = new OpenApiXml { Name = context.JsonPropertyInfo.Name, Wrapped = true };
            if (schema.Items is OpenApiSchema items) items.Xml = new OpenApiXml { Name = item.Element };
        }
        else if (context.JsonPropertyInfo is { } property && ItemType(property.PropertyType) is { } nested
                 && nested.GetCustomAttribute<Open311ElementAttribute>() is not null)
        {
            schema.Xml = new OpenApiXml { Name = property.Name, Wrapped = true };
        }
        return Task.CompletedTask;
    }

    private static Type? ItemType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
