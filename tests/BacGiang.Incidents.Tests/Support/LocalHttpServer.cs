using System.Net;
using System.Text;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A real HTTP listener on a free loopback port, for the outside services the system talks to (Zalo's OA API, the
/// identity provider): the system reaches them over the network exactly as it would the real ones.
/// </summary>
public abstract class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();

    protected LocalHttpServer()
    {
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(Serve);
    }

    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Answers one request; the response is closed afterwards.</summary>
    protected abstract Task Handle(HttpListenerRequest request, HttpListenerResponse response);

    protected static async Task Text(HttpListenerResponse response, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static void TrySetStatus(HttpListenerResponse response, int status)
    {
        try
        {
            response.StatusCode = status;
        }
        catch (InvalidOperationException)
        {
            // Headers already sent: closing the response is all that is left.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        GC.SuppressFinalize(this);
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            try
            {
                await Handle(context.Request, context.Response);
            }
            catch (Exception e)
            {
                // A fault in the fake answers 500 (if nothing was sent yet) and leaves it serving, so the test fails
                // on the answer rather than hanging.
                Console.Error.WriteLine($"[{GetType().Name}] {e}");
                if (context.Response.OutputStream.CanWrite) TrySetStatus(context.Response, 500);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }
}
