using BacGiang.Incidents.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>RFC 9457 problem details, always naming the field at fault for a 400.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors,
            title: "The request has invalid fields.",
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}.")));

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.", extensions: extensions);

    /// <summary>An illegal transition names where the incident stands and what can be done from there.</summary>
    public static IResult From(CommandResult result) => result.Kind switch
    {
        CommandResultKind.NotFound => NotFound(result.Message ?? "No such incident."),
        CommandResultKind.Forbidden => Forbidden(result.Message ?? "Not allowed."),
        CommandResultKind.Invalid => Invalid(result.Field ?? "body", result.Message ?? "Invalid."),
        CommandResultKind.Conflict => TypedResults.Problem(
            result.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "This action is not allowed in the incident's current status.",
            extensions: new Dictionary<string, object?>
            {
                ["currentStatus"] = result.CurrentStatus,
                ["allowedActions"] = result.AllowedActions,
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Kind, "Not a failure."),
    };
}
