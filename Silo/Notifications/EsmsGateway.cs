using System.Net.Http.Json;
using System.Text.Json;
using BacGiang.Incidents.Grains.Notifications;
using BacGiang.Incidents.Notifications;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>
/// eSMS.vn's SendMultipleMessage_V4_post_json (INTEGRATIONS.md §4): customer-care brandname SMS, Unicode for
/// Vietnamese, our notification id as RequestId, delivery reports to a signed callback on the API.
/// CodeResult "100" is accepted; any other code is recorded as refused. Only HTTP 5xx, timeouts and unreachable
/// hosts are retried.
/// </summary>
public sealed class EsmsGateway(HttpClient http, IOptions<SmsOptions> options, IOptions<NotificationOptions> notifications) : ISmsGateway
{
    public const string SendPath = "/MainService.svc/json/SendMultipleMessage_V4_post_json/";
    public const string Accepted = "100";

    public async Task<SmsAnswer> Send(SmsMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ApiKey) || string.IsNullOrEmpty(settings.SecretKey) || string.IsNullOrEmpty(settings.Brandname))
            return new SmsAnswer(false, false, null, null, "no SMS gateway is configured (Sms:ApiKey, Sms:SecretKey, Sms:Brandname)");
        var body = new Dictionary<string, string>
        {
            ["ApiKey"] = settings.ApiKey,
            ["SecretKey"] = settings.SecretKey,
            ["Phone"] = message.Phone,
            ["Content"] = message.Text,
            ["Brandname"] = settings.Brandname,
            ["SmsType"] = "2",
            ["IsUnicode"] = "1",
            ["Sandbox"] = settings.Sandbox ? "1" : "0",
            ["RequestId"] = message.RequestId,
        };
        if (settings.CallbackSecret is { Length: > 0 } secret)
            body["CallbackUrl"] = SmsCallback.Url(notifications.Value.PublicBaseUrl, message.RequestId, secret).ToString();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            using var response = await http.PostAsJsonAsync(new Uri(settings.BaseUrl, SendPath), body, timeout.Token);
            if ((int)response.StatusCode >= 500) return SmsAnswer.Unavailable($"HTTP {(int)response.StatusCode} from the gateway");
            if (!response.IsSuccessStatusCode) return new SmsAnswer(false, false, null, ((int)response.StatusCode).ToString(), $"HTTP {(int)response.StatusCode} from the gateway");
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(timeout.Token));
            var code = Text(answer.RootElement, "CodeResult");
            return code == Accepted
                ? new SmsAnswer(true, false, Text(answer.RootElement, "SMSID"), code, null)
                : new SmsAnswer(false, false, null, code, Text(answer.RootElement, "ErrorMessage") ?? $"CodeResult {code}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SmsAnswer.Unavailable($"the gateway could not be reached: {e.Message}");
        }
        catch (JsonException e)
        {
            return SmsAnswer.Unavailable($"the gateway answered something that is not JSON: {e.Message}");
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;
}
