namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>A value, or the problem response that explains why there is none.</summary>
public readonly record struct OneOf<T>(T? Value, IResult? Problem) where T : class
{
    public static implicit operator OneOf<T>(T value) => new(value, null);
    public static implicit operator OneOf<T>(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem) => new(null, problem);
}
