namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// A query string may not carry a NUL (%00): no value of this API holds one, and PostgreSQL refuses it in text, so a
/// filter holding one reached the database as a 500. Refused once here, for every endpoint, naming the parameter.
/// </summary>
public static class QueryGuard
{
    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!name.Contains('\0') && !values.Any(v => v?.Contains('\0') == true)) continue;
            await Problems.Invalid(name.Contains('\0') ? "query" : name, "contains a NUL character (%00), which no value may hold").ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
