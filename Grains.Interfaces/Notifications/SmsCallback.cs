using System.Security.Cryptography;
using System.Text;

namespace BacGiang.Incidents.Notifications;

/// <summary>
/// The delivery-report address given to the SMS gateway with each message: it names our notification and is signed
/// (HMAC-SHA256 with a configured secret), so the API needs no gateway-specific ids to find the row and nobody
/// else can mark an SMS delivered. The silo writes it, the API checks it: one definition for both.
/// </summary>
public static class SmsCallback
{
    public const string Path = "/webhooks/sms/delivery";

    public static Uri Url(Uri publicBase, string notificationId, string secret) =>
        new(publicBase, $"{Path}?n={Uri.EscapeDataString(notificationId)}&sig={Signature(notificationId, secret)}");

    public static string Signature(string notificationId, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(notificationId)));

    public static bool Verify(string? notificationId, string? signature, string secret) =>
        notificationId is not null && signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(notificationId, secret)), Encoding.ASCII.GetBytes(signature));
}
