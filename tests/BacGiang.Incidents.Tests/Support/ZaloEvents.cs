using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Zalo;
using BacGiang.Incidents.Tests.EndToEnd;

namespace BacGiang.Incidents.Tests.Support;

public static class ZaloEvents
{
    /// <summary>
    /// A webhook event shaped like Zalo's (ids and timestamp as strings), signed as Zalo signs it. The timestamp is
    /// the real time, as Zalo's is: the API checks it against its own clock.
    /// </summary>
    public static HttpRequestMessage Signed(string userId, string eventName, object message, string? signature = null,
        string appId = SystemFixture.ZaloAppId, TimeSpan? age = null)
    {
        var timestamp = (DateTimeOffset.UtcNow - (age ?? TimeSpan.Zero)).ToUnixTimeMilliseconds().ToString();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            event_name = eventName,
            app_id = appId,
            sender = new { id = userId },
            recipient = new { id = "3662729599332560487" },
            message,
            timestamp,
            user_id_by_app = "979122185046046317",
        }));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/zalo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ZaloWebhook.SignatureHeader, signature ?? "mac=" + ZaloWebhook.Mac(appId, body, timestamp, SystemFixture.ZaloOaSecret));
        return request;
    }
}
