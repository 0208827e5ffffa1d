using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents;

[GenerateSerializer]
public enum ZaloMessageKind
{
    Text,
    Image,
    Location,
}

/// <summary>One user message from the Zalo OA webhook, already verified and reduced to what a report needs.</summary>
[GenerateSerializer, Immutable, Alias("ZaloIncoming")]
public sealed record ZaloIncoming
{
    [Id(0)] public required string MsgId { get; init; }
    [Id(1)] public required ZaloMessageKind Kind { get; init; }
    [Id(2)] public string? Text { get; init; }
    [Id(3)] public string? ImageUrl { get; init; }
    [Id(4)] public GeoPoint? Location { get; init; }
    [Id(5)] public required Instant At { get; init; }
}

[GenerateSerializer]
public enum DeliveryState
{
    /// <summary>Waiting to be sent, or to be retried.</summary>
    Pending,
    Sent,
    /// <summary>Gave up after the configured attempts; kept, with the last error, for staff to see.</summary>
    Failed,
    /// <summary>A status update outside Zalo's customer-service window, with no phone or template for ZNS: waits for the citizen's next message.</summary>
    WaitingForCitizen,
}

[GenerateSerializer, Immutable, Alias("ZaloOutgoingView")]
public sealed record ZaloOutgoingView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] DeliveryState State,
    [property: Id(3)] int Attempts,
    [property: Id(4)] string? LastError,
    [property: Id(5)] Instant CreatedAt,
    [property: Id(6)] Instant? SentAt,
    [property: Id(7)] string Channel = "cs");

[GenerateSerializer, Immutable, Alias("ZaloConversationView")]
public sealed record ZaloConversationView(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<string> FiledIncidents,
    [property: Id(2)] string? AskingFor,
    [property: Id(3)] IReadOnlyList<ZaloOutgoingView> Messages);

/// <summary>
/// One Zalo user's conversation with the province's OA (key: the user's OA-scoped id). Assembles a report over
/// several messages, asking in Vietnamese for what is missing, files it, and sends replies and status updates
/// back through the OA message API with retries.
/// </summary>
[Alias("IZaloConversationGrain")]
public interface IZaloConversationGrain : IGrainWithStringKey
{
    /// <summary>Returns once the message is stored (and the report filed, if it completed one). A repeated msg id changes nothing.</summary>
    [Alias("Receive")]
    Task Receive(ZaloIncoming message);

    /// <summary>An incident this user reported changed status; idempotent by (incident, seq).</summary>
    [Alias("Notify")]
    Task Notify(string incidentId, long seq, IncidentStatus status);

    /// <summary>
    /// As <see cref="Notify"/>, with the incident's current resolution so the message tells its true outcome; a
    /// resolution (or a closing not yet asked about) also asks the user to rate it, 1–5.
    /// </summary>
    [Alias("NotifyChange")]
    Task NotifyChange(string incidentId, long seq, IncidentStatus status, Resolution? resolution);

    [Alias("Get")]
    Task<ZaloConversationView> Get();

    /// <summary>
    /// The retention policy erased the incident's personal data: the conversation forgets it (its messages, its
    /// notices), and a conversation left with nothing owed or in progress is deleted whole. Idempotent.
    /// </summary>
    [Alias("Forget")]
    Task Forget(string incidentId);
}
