using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BacGiang.Incidents.Bench;

/// <summary>
/// One kept-alive HTTP/1.1 connection that sends requests already written out as bytes, one at a time, and reads the
/// status and body of each answer, as wrk does. A load generator on the same two cores as the system it measures takes
/// CPU from it: HttpClient spent 0.027 ms per camera alert, more than the silo's share. Only what our API answers is
/// understood (Content-Length or chunked bodies, no 100-continue, no compression since no Accept-Encoding is sent).
/// </summary>
public sealed class KeepAliveConnection(IPEndPoint server) : IAsyncDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private readonly byte[] buffer = new byte[64 * 1024];
    private Socket? socket;
    private int start, end;

    public IPEndPoint Server => server;

    /// <summary>Request bytes for a POST with a JSON body; <paramref name="headers"/> are whole lines without CRLF.</summary>
    public static byte[] Post(string path, string host, byte[] json, params string[] headers)
    {
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\nHost: ").Append(host)
            .Append("\r\nContent-Type: application/json\r\nContent-Length: ").Append(json.Length).Append("\r\n");
        foreach (var header in headers) head.Append(header).Append("\r\n");
        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        return [.. bytes, .. json];
    }

    public async Task<(int Status, string Body)> Send(ReadOnlyMemory<byte> request)
    {
        if (socket is null)
        {
            socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(server);
            start = end = 0;
        }
        await socket.SendAsync(request, SocketFlags.None);

        var headerEnd = await ReadUntil(HeaderEnd);
        var (status, contentLength, chunked) = ParseHead(buffer.AsSpan(start, headerEnd - start));
        start = headerEnd + HeaderEnd.Length;

        var body = new StringBuilder();
        if (chunked)
        {
            while (true)
            {
                var lineEnd = await ReadUntil(LineEnd);
                if (!Utf8Parser.TryParse(buffer.AsSpan(start, lineEnd - start), out int size, out _, 'x')) throw new InvalidDataException("Bad chunk size.");
                start = lineEnd + LineEnd.Length;
                await Need(size + LineEnd.Length);
                body.Append(Encoding.UTF8.GetString(buffer, start, size));
                start += size + LineEnd.Length;
                if (size == 0) break;
            }
        }
        else if (contentLength > 0)
        {
            await Need(contentLength);
            body.Append(Encoding.UTF8.GetString(buffer, start, contentLength));
            start += contentLength;
        }
        return (status, body.ToString());
    }

    private static (int Status, int ContentLength, bool Chunked) ParseHead(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12 || !Utf8Parser.TryParse(head[9..12], out int status, out _)) throw new InvalidDataException("Not an HTTP status line.");
        var contentLength = -1;
        var chunked = false;
        foreach (var range in head.Split(LineEnd))
        {
            var line = head[range];
            if (StartsWith(line, "Content-Length:"u8)) Utf8Parser.TryParse(line["Content-Length:"u8.Length..].Trim((byte)' '), out contentLength, out _);
            else if (StartsWith(line, "Transfer-Encoding:"u8) && line.IndexOf("chunked"u8) >= 0) chunked = true;
        }
        return (status, contentLength, chunked);
    }

    private static bool StartsWith(ReadOnlySpan<byte> line, ReadOnlySpan<byte> name) =>
        line.Length >= name.Length && Ascii.EqualsIgnoreCase(line[..name.Length], name);

    /// <summary>The index in the buffer where <paramref name="marker"/> begins, reading more until it is there.</summary>
    private async Task<int> ReadUntil(byte[] marker)
    {
        while (true)
        {
            var found = buffer.AsSpan(start, end - start).IndexOf(marker);
            if (found >= 0) return start + found;
            await ReadMore();
        }
    }

    private async Task Need(int count)
    {
        while (end - start < count) await ReadMore();
    }

    private async Task ReadMore()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length) throw new InvalidDataException("An answer larger than the buffer.");
        var read = await socket!.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None);
        if (read == 0) throw new IOException("The server closed the connection.");
        end += read;
    }

    public ValueTask DisposeAsync()
    {
        socket?.Dispose();
        return ValueTask.CompletedTask;
    }
}
