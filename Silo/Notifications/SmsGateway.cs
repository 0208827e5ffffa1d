namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>
/// One text to one phone. <see cref="RequestId"/> is the notification's idempotency key: gateways that take a
/// request id (eSMS's RequestId) refuse to send the same one twice, so a retry after a crash is not a second SMS.
/// </summary>
public sealed record SmsMessage(string RequestId, string Phone, string Text);

/// <summary>The gateway's answer: accepted (with its message id and code), or an error that is transient (retry) or not.</summary>
public sealed record SmsAnswer(bool Accepted, bool Transient, string? ProviderId, string? Code, string? Error)
{
    public static SmsAnswer Unavailable(string error) => new(false, true, null, null, error);
}

/// <summary>A Vietnamese brandname SMS gateway; eSMS is the first adapter, others (VNPT, Viettel, FPT) fit the same shape.</summary>
public interface ISmsGateway
{
    Task<SmsAnswer> Send(SmsMessage message, CancellationToken cancellationToken);
}
