using BacGiang.Incidents.Grains.Zalo;
using BacGiang.Incidents.Notifications;
using NodaTime;

namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>A notification a silo has leased for sending; <see cref="DueAt"/> is when it could first be sent.</summary>
public sealed record ClaimedNotification(string Id, string Channel, string? Address, string Body, int Attempts, string IncidentId, Instant DueAt);

/// <summary>What one attempt came to: sent (with the provider's id and code), worth retrying, or refused for good.</summary>
public abstract record SendOutcome
{
    public sealed record Sent(string? ProviderId, string? Code) : SendOutcome;
    public sealed record Retry(string Error) : SendOutcome;
    public sealed record Failed(string Error, string? Code) : SendOutcome;
}

/// <summary>One channel's way of sending; throws nothing it can describe as an outcome.</summary>
public interface INotificationSender
{
    string Channel { get; }

    Task<SendOutcome> Send(ClaimedNotification notification, CancellationToken cancellationToken);
}

/// <summary>The console shows what the table holds: a notification is "sent" once it is there to see.</summary>
public sealed class ConsoleSender : INotificationSender
{
    public string Channel => NotificationChannel.Console;

    public Task<SendOutcome> Send(ClaimedNotification notification, CancellationToken cancellationToken) =>
        Task.FromResult<SendOutcome>(new SendOutcome.Sent(null, null));
}

/// <summary>The same OA client as the citizens' replies; the staff member follows the province's OA.</summary>
public sealed class ZaloSender(IZaloOaClient zalo) : INotificationSender
{
    public string Channel => NotificationChannel.Zalo;

    public async Task<SendOutcome> Send(ClaimedNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Address is not { } userId) return new SendOutcome.Failed("no Zalo user id", null);
        try
        {
            return new SendOutcome.Sent(await zalo.SendText(userId, notification.Body, cancellationToken), "0");
        }
        catch (ZaloSendException e)
        {
            return new SendOutcome.Retry(e.Message);
        }
    }
}

public sealed class SmsSender(ISmsGateway gateway) : INotificationSender
{
    public string Channel => NotificationChannel.Sms;

    public async Task<SendOutcome> Send(ClaimedNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Address is not { } phone) return new SendOutcome.Failed("no phone number", null);
        var answer = await gateway.Send(new SmsMessage(notification.Id, phone, notification.Body), cancellationToken);
        return answer switch
        {
            { Accepted: true } => new SendOutcome.Sent(answer.ProviderId, answer.Code),
            { Transient: true } => new SendOutcome.Retry(answer.Error ?? "gateway unavailable"),
            _ => new SendOutcome.Failed(answer.Error ?? "refused by the gateway", answer.Code),
        };
    }
}
