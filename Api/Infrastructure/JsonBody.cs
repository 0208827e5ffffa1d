using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Reads a JSON body ourselves rather than through model binding, so a malformed body is a 400 that names the
/// offending field (from the parser's JSON path), and the raw bytes are at hand for idempotency fingerprints.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public sealed record Read<T>(T? Value, byte[] Raw, IResult? Error);

    public static async Task<Read<T>> ReadAsync<T>(HttpRequest request, bool optional = false) where T : class
    {
        var (raw, error) = await ReadRawAsync(request);
        return error is not null ? new(null, [], error) : Parse<T>(request, raw, optional);
    }

    /// <summary>The body's exact bytes, up to <see cref="MaxBytes"/>: what a signature is checked over, before any parsing.</summary>
    public static async Task<(byte[] Raw, IResult? Error)> ReadRawAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes) return ([], TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + n > MaxBytes) return ([], TooLarge());
            buffer.Write(chunk, 0, n);
        }
        return (buffer.ToArray(), null);
    }

    public static Read<T> Parse<T>(HttpRequest request, byte[] raw, bool optional = false) where T : class
    {
        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (raw.Length == 0)
            return optional ? new(null, raw, null) : new(null, raw, Problems.Invalid("body", "a JSON body is required"));
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return new(null, raw, TypedResults.Problem($"Content-Type must be application/json, not {type}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        try
        {
            var value = JsonSerializer.Deserialize<T>(raw, json);
            return value is null ? new(null, raw, Problems.Invalid("body", "the body must be a JSON object")) : new(value, raw, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            // The parser's own words name .NET types; say what the client can act on instead.
            var message = e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "has the wrong type or format for this field"
                : $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
            return new(null, raw, Problems.Invalid(field, message));
        }
    }

    /// <summary>"$.reporter.phone" → "reporter.phone"; "$" or none → "body".</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static IResult TooLarge() => TypedResults.Problem($"The body is larger than {MaxBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
