using System.Diagnostics;

namespace BacGiang.Incidents.Tests.Support;

public static class Eventually
{
    /// <summary>Polls until the call answers 2xx: a wait on a condition, bounded so a broken start fails instead of hanging.</summary>
    public static async Task Ok(Func<Task<HttpResponseMessage>> call, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds))
        {
            try
            {
                using var response = await call();
                if (response.IsSuccessStatusCode) return;
                last = new HttpRequestException($"status {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No success within {timeoutSeconds} s: {last?.Message}");
    }

    /// <summary>Polls until the condition holds: a wait on a condition, bounded so a broken system fails instead of hanging.</summary>
    public static async Task True(Func<Task<bool>> condition, string what, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
                throw new TimeoutException($"Not within {timeoutSeconds} s: {what}");
            await Task.Delay(250);
        }
    }
}
