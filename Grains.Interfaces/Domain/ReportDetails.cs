using System.Text.Json.Serialization;

namespace BacGiang.Incidents.Domain;

[GenerateSerializer, Immutable, Alias("Reporter")]
public sealed record Reporter([property: Id(0)] string? Name, [property: Id(1)] string? Phone);

/// <summary>What the citizen (or camera) said, validated and normalised; kept unchanged for ever.</summary>
[GenerateSerializer, Immutable, Alias("ReportDetails")]
public sealed record ReportDetails
{
    [Id(0)] public required string Category { get; init; }
    [Id(1)] public required string Description { get; init; }
    [Id(2)] public GeoPoint? Location { get; init; }
    [Id(3)] public string? CommuneCode { get; init; }
    [Id(4)] public string? Address { get; init; }
    [Id(5)] public IReadOnlyList<string> Photos { get; init; } = [];
    [Id(6)] public Reporter? Reporter { get; init; }
    [Id(7)] public required string Channel { get; init; }
    /// <summary>The client's Idempotency-Key, if it sent one: a retry with it lands on this same incident.</summary>
    [Id(8)] public string? IdempotencyKey { get; init; }
    /// <summary>Hash of the request body sent with the key: the same key with another body is refused, not merged.</summary>
    [Id(9), JsonIgnore] public string? RequestFingerprint { get; init; }
    /// <summary>Set by channels that know better than the category's default (an IOC fire alert is P1).</summary>
    [Id(10)] public Priority? Priority { get; init; }
    /// <summary>Set by a channel that wants a person to look first (a low-confidence camera alert): routing sends it to triage with this reason.</summary>
    [Id(11)] public string? TriageReason { get; init; }
    /// <summary>Where status updates go back on the report's channel (a Zalo user id); never shown to the public.</summary>
    [Id(12), JsonIgnore] public string? ReplyTo { get; init; }
    /// <summary>What the camera saw, for reports raised by an IOC camera alert.</summary>
    [Id(13)] public CameraEvidence? Camera { get; init; }
}

/// <summary>The camera alert that raised a report.</summary>
[GenerateSerializer, Immutable, Alias("CameraEvidence")]
public sealed record CameraEvidence(
    [property: Id(0)] string CameraId,
    [property: Id(1)] string AlertType,
    [property: Id(2)] double Confidence,
    [property: Id(3)] string? Plate);
