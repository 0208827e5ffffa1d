using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>NodaTime values travel as ISO-8601 strings; without this the document would describe them as objects.</summary>
public sealed class NodaTimeSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(Instant))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
            schema.Properties?.Clear();
        }
        else if (type == typeof(Duration))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "duration";
            schema.Properties?.Clear();
        }
        return Task.CompletedTask;
    }
}
