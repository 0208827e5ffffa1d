namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// A citizen's rating of how the incident was handled, given after its resolution: 1–5 stars and an optional comment.
/// The actor is the citizen as the channel knows them ("tracking-code" on the web, "zalo:…" in a Zalo chat).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentRated")]
public sealed record IncidentRated : IncidentEvent
{
    [Id(0)] public required int Stars { get; init; }
    /// <summary>Free text from the citizen; the retention job redacts phone numbers and addresses in it like any other text.</summary>
    [Id(1)] public string? Comment { get; init; }
    /// <summary>Where the rating came from: "web" (the tracking page) or "zalo".</summary>
    [Id(2)] public required string Channel { get; init; }
}
