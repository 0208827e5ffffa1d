using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A stand-in for an OpenTelemetry collector: takes OTLP over HTTP (protobuf) at /v1/traces and /v1/metrics, as the
/// processes' exporters send it, and keeps the spans it can read. The protobuf is read with a small wire-format
/// reader over the fields of opentelemetry-proto's trace messages that the tests look at (service name, scope, span
/// name, ids): no generated classes, so a change in what the exporters send shows up here as a missing span.
/// </summary>
public sealed class FakeOtlpCollector : LocalHttpServer
{
    public sealed record Span(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);

    private readonly ConcurrentQueue<Span> spans = new();
    private int metricExports;

    public IReadOnlyList<Span> Spans => [.. spans];

    public int MetricExports => Volatile.Read(ref metricExports);

    protected override async Task Handle(HttpListenerRequest request, HttpListenerResponse response)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        switch (request.Url?.AbsolutePath)
        {
            case "/v1/traces":
                foreach (var span in ReadTraces(body.ToArray())) spans.Enqueue(span);
                break;
            case "/v1/metrics":
                Interlocked.Increment(ref metricExports);
                break;
            default:
                response.StatusCode = 404;
                return;
        }
        // An empty ExportServiceResponse: all accepted.
        response.ContentType = "application/x-protobuf";
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static IEnumerable<Span> ReadTraces(byte[] request)
    {
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1) continue;
            var service = "";
            var scopes = new List<byte[]>();
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1) service = ServiceName(value);
                else if (f == 2) scopes.Add(value);
            }
            foreach (var scopeSpans in scopes)
            {
                var scope = "";
                var raw = new List<byte[]>();
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }; InstrumentationScope { string name = 1; }
                foreach (var (f, value) in Fields(scopeSpans))
                {
                    if (f == 1) scope = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? "";
                    else if (f == 2) raw.Add(value);
                }
                foreach (var span in raw) yield return ReadSpan(service, scope, span);
            }
        }
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5; … }
    private static Span ReadSpan(string service, string scope, byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        foreach (var (f, value) in Fields(span))
        {
            switch (f)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
            }
        }
        return new Span(service, scope, name, traceId, spanId, parent);
    }

    // Resource { repeated KeyValue attributes = 1; }; KeyValue { string key = 1; AnyValue value = 2; }; AnyValue { string string_value = 1; }
    private static string ServiceName(byte[] resource)
    {
        foreach (var (f, attribute) in Fields(resource))
        {
            if (f != 1) continue;
            var parts = Fields(attribute).ToList();
            if (parts.FirstOrDefault(p => p.Field == 1).Value is { } key && Encoding.UTF8.GetString(key) == "service.name"
                && parts.FirstOrDefault(p => p.Field == 2).Value is { } any)
                return Fields(any).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? "";
        }
        return "";
    }

    /// <summary>The length-delimited fields of one message (wire type 2), in order; varints and fixed fields are skipped.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    yield return (field, message[at..(at + length)]);
                    at += length;
                    break;
                default: throw new InvalidDataException($"Wire type {tag & 7} at byte {at} is not one OTLP uses.");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }
}
