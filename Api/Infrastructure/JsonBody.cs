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
        var aborted = request.HttpContext.RequestAborted;
        if (request.ContentLength is { } declared)
        {
            // The usual case (every camera alert, every app report): read straight into an array of the declared size
            // rather than through a zeroed 8 KiB chunk and a growing stream, which showed in the alert storm's profile.
            var raw = new byte[declared];
            var filled = 0;
            int read;
            while (filled < raw.Length && (read = await request.Body.ReadAsync(raw.AsMemory(filled), aborted)) > 0) filled += read;
            return (filled == raw.Length ? raw : raw[..filled], null);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, aborted)) > 0)
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
            if (value is null) return new(null, raw, Problems.Invalid("body", "the body must be a JSON object"));
            return NulIn(raw, json) is { } field
                ? new(null, raw, Problems.Invalid(field, "contains a NUL character (\\u0000), which no text here may hold"))
                : new(value, raw, null);
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

    /// <summary>
    /// The field of the first string (or name) holding a NUL, if any. JSON can carry one only escaped, and PostgreSQL
    /// refuses it in text, so a note or an address holding one was a 500 when the silo stored it.
    /// </summary>
    private static string? NulIn(byte[] raw, JsonSerializerOptions json)
    {
        if (raw.AsSpan().IndexOf("\\u0000"u8) < 0) return null;
        var reader = new Utf8JsonReader(raw, new JsonReaderOptions
        {
            AllowTrailingCommas = json.AllowTrailingCommas, CommentHandling = json.ReadCommentHandling, MaxDepth = json.MaxDepth,
        });
        var outer = new Stack<string?>();
        string? name = null;
        string Field(string? last) => string.Join('.', outer.Reverse().Append(last).OfType<string>()) is { Length: > 0 } path ? path : "body";
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    outer.Push(name);
                    name = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    name = outer.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    name = Text(ref reader);
                    if (name?.Contains('\0') == true) return Field(null);
                    break;
                case JsonTokenType.String when Text(ref reader)?.Contains('\0') == true:
                    return Field(name);
            }
        }
        return null;
    }

    /// <summary>A string token as text; one that is not Unicode (a lone surrogate, in a field the body's type skips) as none.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>"$.reporter.phone" → "reporter.phone"; "$" or none → "body".</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static IResult TooLarge() => TypedResults.Problem($"The body is larger than {MaxBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
