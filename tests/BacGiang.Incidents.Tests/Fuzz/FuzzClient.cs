using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Ioc;
using BacGiang.Incidents.Api.Zalo;
using BacGiang.Incidents.Notifications;
using BacGiang.Incidents.Tests.EndToEnd;

namespace BacGiang.Incidents.Tests.Fuzz;

/// <summary>A response as far as the property looks at it; <see cref="Failure"/> says how it breaks the property, if it does.</summary>
public sealed record FuzzResult(int? Status, string? Failure);

/// <summary>
/// Sends generated requests to the running API and judges each answer: never a 5xx (nor no answer at all), and every
/// error is RFC 9457 problem+json with its own status — except where another format is the contract: Open311's
/// error list (GeoReport v2: a JSON array on .json resources, <c>&lt;errors&gt;</c> in text/xml on .xml ones), and the acknowledgement page of an escalation SMS when a browser asks for HTML.
/// </summary>
public sealed class FuzzClient(Uri baseAddress, IReadOnlyDictionary<string, string> authorization) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        MaxConnectionsPerServer = 32,
        UseCookies = false,
    })
    { BaseAddress = baseAddress, Timeout = Timeout };

    public void Dispose() => http.Dispose();

    public async Task<FuzzResult> Send(FuzzRequest request)
    {
        var body = request.Body is null ? null : Fill(request.Body, stale: request.Signature == SignatureMode.Stale);
        var headers = new List<KeyValuePair<string, string>>(request.Headers);
        if (authorization.TryGetValue(request.Caller, out var credentials)) headers.Add(new("Authorization", credentials));
        var target = request.Target;
        Sign(request, body ?? [], headers, ref target);
        try
        {
            return request.CutAfter is { } cut && body is not null
                ? await SendCut(request, target, headers, body, cut)
                : await SendWhole(request, target, headers, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            return new FuzzResult(null, $"no answer: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// The real time where the generated body asks for it, so a replay signs as freshly as the first run; two days
    /// ago for a stale delivery (Zalo's replay window is one day).
    /// </summary>
    private static byte[] Fill(byte[] body, bool stale)
    {
        if (body.AsSpan().IndexOf("@@NOW_"u8) < 0) return body;
        var now = DateTimeOffset.UtcNow - (stale ? TimeSpan.FromDays(2) : TimeSpan.Zero);
        body = Replace(body, FuzzRequests.NowMilliseconds, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return Replace(body, FuzzRequests.NowSeconds, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Replaces bytes, not text: the rest of the body may well not be UTF-8, and must go as generated.</summary>
    private static byte[] Replace(byte[] body, string placeholder, string value)
    {
        var from = Encoding.ASCII.GetBytes(placeholder);
        var to = Encoding.ASCII.GetBytes(value);
        using var output = new MemoryStream();
        var rest = body.AsSpan();
        int at;
        while ((at = rest.IndexOf(from)) >= 0)
        {
            output.Write(rest[..at]);
            output.Write(to);
            rest = rest[(at + from.Length)..];
        }
        output.Write(rest);
        return output.ToArray();
    }

    /// <summary>Signs as the IOC, Zalo or the SMS gateway would (or wrongly, stale, or not at all, as the request says).</summary>
    private static void Sign(FuzzRequest request, byte[] body, List<KeyValuePair<string, string>> headers, ref string target)
    {
        if (request.Signature == SignatureMode.Missing) return;
        var stale = request.Signature == SignatureMode.Stale;
        switch (request.Signing)
        {
            case Signing.Ioc:
                var seconds = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (stale ? 3600 : 0)).ToString(CultureInfo.InvariantCulture);
                headers.Add(new(IocApi.TimestampHeader, seconds));
                headers.Add(new(IocApi.SignatureHeader, request.Signature == SignatureMode.Wrong
                    ? "sha256=" + new string('0', 64)
                    : "sha256=" + Convert.ToHexStringLower(IocApi.Sign(SystemFixture.IocSecret, seconds, body))));
                break;
            case Signing.Zalo:
                // Zalo signs app id + body + timestamp, the latter two as the body carries them.
                var (appId, timestamp) = ZaloFields(body);
                headers.Add(new(ZaloWebhook.SignatureHeader, request.Signature == SignatureMode.Wrong
                    ? "mac=" + new string('0', 64)
                    : "mac=" + ZaloWebhook.Mac(appId ?? "", body, timestamp ?? "", SystemFixture.ZaloOaSecret)));
                break;
            case Signing.Sms:
                // The gateway calls back the address it was given: n and sig signed by the silo. Sign whatever n the query has.
                var query = target.Split('?', 2) is [_, var q] ? q : "";
                var n = query.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "n") is [_, var value] ? Uri.UnescapeDataString(value) : null;
                if (n is null || request.Signature == SignatureMode.Wrong) break;
                var withoutSig = string.Join('&', query.Split('&').Where(p => !p.StartsWith("sig=", StringComparison.Ordinal) && p != "sig"));
                target = target.Split('?')[0] + "?" + withoutSig + "&sig=" + SmsCallback.Signature(n, ApiFuzzFixture.SmsSecret);
                break;
        }
    }

    private static (string? AppId, string? Timestamp) ZaloFields(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            string? Text(string name) => document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var v)
                ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
                : null;
            return (Text("app_id"), Text("timestamp"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not Unicode (a lone surrogate escaped): nothing to sign with.
            return (null, null);
        }
    }

    private async Task<FuzzResult> SendWhole(FuzzRequest request, string target, List<KeyValuePair<string, string>> headers, byte[]? body)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        foreach (var (name, value) in headers) message.Headers.TryAddWithoutValidation(name, value);
        if (body is not null || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(body ?? []);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        // A live feed answers 200 and then streams for as long as the client stays: its headers are the answer.
        if (status < 400 && type == "text/event-stream") return new FuzzResult(status, null);
        var text = await response.Content.ReadAsStringAsync();
        return Judge(request, status, type, text);
    }

    /// <summary>
    /// A body cut short: sent chunked, the first bytes in a proper chunk, then a chunk header that is not hex, as a
    /// connection whose framing breaks off part-way. (A client that closes its sending side instead is, to Kestrel,
    /// a client gone, owed no answer.) HttpClient cannot send that, so this writes HTTP/1.1 on a socket itself.
    /// </summary>
    private async Task<FuzzResult> SendCut(FuzzRequest request, string target, List<KeyValuePair<string, string>> headers, byte[] body, int cut)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(http.BaseAddress!.Host, http.BaseAddress.Port, timeout.Token);
        var head = new StringBuilder($"{request.Method} {target} HTTP/1.1\r\nHost: {http.BaseAddress.Authority}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n");
        if (request.ContentType is not null) head.Append($"Content-Type: {request.ContentType}\r\n");
        foreach (var (name, value) in headers) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        if (cut > 0) head.Append(CultureInfo.InvariantCulture, $"{cut:x}\r\n");
        using var sending = new MemoryStream();
        sending.Write(Encoding.UTF8.GetBytes(head.ToString()));
        if (cut > 0) sending.Write(body, 0, cut);
        sending.Write(cut > 0 ? "\r\nzz\r\n"u8 : "zz\r\n"u8);
        await socket.SendAsync(sending.ToArray(), SocketFlags.None, timeout.Token);
        using var received = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) received.Write(buffer, 0, n);
        var raw = received.ToArray();
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0) return new FuzzResult(null, $"no answer: {raw.Length} bytes without a complete head");
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(h => h.Length == 2 && h[0].Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();
        var content = raw.AsSpan(end + 4).ToArray();
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) content = Unchunk(content);
        var type = Header("Content-Type")?.Split(';')[0].Trim().ToLowerInvariant();
        return Judge(request, status, type, Encoding.UTF8.GetString(content));
    }

    private static byte[] Unchunk(byte[] chunked)
    {
        using var output = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0) break;
            output.Write(chunked, at + lineEnd + 2, Math.Min(size, chunked.Length - at - lineEnd - 2));
            at += lineEnd + 2 + size + 2;
        }
        return output.ToArray();
    }

    /// <summary>The property, for one answer.</summary>
    public static FuzzResult Judge(FuzzRequest request, int status, string? mediaType, string body)
    {
        if (status >= 500) return new FuzzResult(status, $"{status} (a server error){Excerpt(body)}");
        if (status < 400) return new FuzzResult(status, null);
        var path = request.Target.Split('?')[0];
        if (path.StartsWith("/open311/v2/", StringComparison.Ordinal) && mediaType == "application/json")
            return new FuzzResult(status, IsOpen311Error(body, status) ? null : $"{status} application/json that is not Open311's error array{Excerpt(body)}");
        if (path.StartsWith("/open311/v2/", StringComparison.Ordinal) && path.EndsWith(".xml", StringComparison.Ordinal) && mediaType == "text/xml")
            return new FuzzResult(status, IsOpen311XmlError(body, status) ? null : $"{status} text/xml that is not Open311's <errors>{Excerpt(body)}");
        if (path.StartsWith("/e/", StringComparison.Ordinal) && mediaType == "text/html" && AcceptsHtml(request))
            return new FuzzResult(status, null);
        if (mediaType != "application/problem+json")
            return new FuzzResult(status, $"{status} with Content-Type {mediaType ?? "(none)"}, not application/problem+json{Excerpt(body)}");
        if (request.Method == "HEAD") return new FuzzResult(status, null);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new FuzzResult(status, $"{status} problem+json that is not an object{Excerpt(body)}");
            if (root.TryGetProperty("status", out var s) && (s.ValueKind != JsonValueKind.Number || s.GetInt32() != status))
                return new FuzzResult(status, $"{status} problem+json saying status {s.GetRawText()}{Excerpt(body)}");
            return new FuzzResult(status, null);
        }
        catch (JsonException)
        {
            return new FuzzResult(status, $"{status} problem+json that is not JSON{Excerpt(body)}");
        }
    }

    private static bool AcceptsHtml(FuzzRequest request) =>
        request.Headers.Any(h => h.Key == "Accept" && h.Value.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private static bool IsOpen311Error(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement is { ValueKind: JsonValueKind.Array } errors && errors.GetArrayLength() > 0
                && errors.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object
                    && e.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() == status
                    && e.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The spec's <c>&lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;&lt;/error&gt;&lt;/errors&gt;</c>, the code being the status.</summary>
    private static bool IsOpen311XmlError(string body, int status)
    {
        try
        {
            var root = System.Xml.Linq.XDocument.Parse(body).Root!;
            var errors = root.Elements().ToList();
            return root.Name.LocalName == "errors" && errors.Count > 0
                && errors.All(e => e.Name.LocalName == "error"
                    && e.Elements().Select(c => c.Name.LocalName).SequenceEqual(["code", "description"])
                    && e.Element("code")!.Value == status.ToString(CultureInfo.InvariantCulture));
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private static string Excerpt(string body) => body.Length == 0 ? ", empty body" : $": {(body.Length > 300 ? body[..300] + "…" : body)}";
}
