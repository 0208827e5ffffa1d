using NodaTime;

namespace BacGiang.Incidents;

/// <summary>One AI alert from an IOC camera, as the IOC sent it (already authenticated).</summary>
[GenerateSerializer, Immutable, Alias("CameraAlert")]
public sealed record CameraAlert
{
    /// <summary>
    /// How many recent alert ids a camera remembers to recognise one sent again, and the API answering for it (ADR 0006)
    /// per alert type, so both tell a repeat by the same memory.
    /// </summary>
    public const int RememberedIds = 1000;

    /// <summary>The IOC's own id for the alert, if it sends one: a re-sent alert is recognised by it.</summary>
    [Id(0)] public string? AlertId { get; init; }
    [Id(1)] public required string AlertType { get; init; }
    [Id(2)] public required double Confidence { get; init; }
    [Id(3)] public required Instant At { get; init; }
    [Id(4)] public string? SnapshotUrl { get; init; }
    /// <summary>Licence plate read by the camera (illegal parking).</summary>
    [Id(5)] public string? Plate { get; init; }
}

[GenerateSerializer, Immutable, Alias("AlertOutcome")]
public sealed record AlertOutcome(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] bool Attached,
    [property: Id(2)] int AlertCount,
    [property: Id(3)] bool Repeated)
{
    /// <summary>
    /// The alert times that would join the same incident as of this answer: the correlation window around its first
    /// and last alert. Null on a repeat, which says nothing of the correlation now.
    /// </summary>
    [Id(4)] public Instant? JoinsFrom { get; init; }
    [Id(5)] public Instant? JoinsUntil { get; init; }

    /// <summary>Whether an alert of the same camera and type taken at <paramref name="at"/> joins this incident.</summary>
    public bool Joins(Instant at) => JoinsFrom <= at && at <= JoinsUntil;
}

/// <summary>
/// One camera of the registry (key: camera id). Correlates its alerts: the same alert type within the
/// correlation window attaches to the incident already open instead of opening another.
/// </summary>
[Alias("ICameraGrain")]
public interface ICameraGrain : IGrainWithStringKey
{
    /// <summary>Returns once the alert is stored (attached or as a new incident).</summary>
    [Alias("Alert")]
    Task<AlertOutcome> Alert(CameraAlert alert);

    /// <summary>
    /// Alerts an API has already answered, as joining an incident it heard of from this camera (ADR 0006): each taken
    /// as <see cref="Alert"/> takes it, in order. The answers are in the same order; null for one that was counted
    /// but whose new incident could not be stored yet (the camera's flush retries that; it is not to be sent again).
    /// </summary>
    [Alias("Alerts")]
    Task<IReadOnlyList<AlertOutcome?>> Alerts(IReadOnlyList<CameraAlert> alerts);
}
