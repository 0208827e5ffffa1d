using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.ReadModel;
using NodaTime;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Endpoints that show staff personal data record each read in the access log; a read that cannot be recorded is not
/// answered (503), so the log has every read that was. One incident's data is recorded once the caller was allowed to
/// see it; searches and exports, which stream their answer, when they are asked.
/// </summary>
public static class AccessLogging
{
    public static TBuilder RecordsPersonalDataAccess<TBuilder>(this TBuilder builder, string action, bool whenAsked = false) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.ToActor() is not { } actor) return await next(context);
            if (whenAsked) return await Record(http, actor, action) ?? await next(context);
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: >= 300 }) return result;
            return await Record(http, actor, action) ?? result;
        });

    /// <summary>Null once recorded; otherwise the 503 to answer instead.</summary>
    private static async Task<IResult?> Record(HttpContext http, Domain.Actor actor, string action)
    {
        var incidentId = http.GetRouteValue("id") as string;
        var detail = http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null;
        if (http.GetRouteValue("userId") is string userId) detail = $"zalo user {userId}";
        if (http.GetRouteValue("photoId") is string photoId) detail = $"photo {photoId}";
        try
        {
            await http.RequestServices.GetRequiredService<AccessLog>().Record(
                http.RequestServices.GetRequiredService<IClock>().GetCurrentInstant(), actor.Id, actor.Role.ToString(), action, incidentId, detail, http.RequestAborted);
            return null;
        }
        catch (Npgsql.NpgsqlException e)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessLogging))
                .LogError(e, "Access to personal data by {StaffId} ({Action}) could not be recorded; refused", actor.Id, action);
            return TypedResults.Problem("The read could not be recorded in the access log; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Access log unavailable.");
        }
    }
}
