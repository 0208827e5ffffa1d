using System.Diagnostics.CodeAnalysis;
using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// The rules by which one camera's alerts become incidents (DESIGN.md §5): an alert of a type joins that type's open
/// correlation while it falls within the window of the correlation's first or last alert (alerts may arrive out of
/// order); otherwise it opens a new one, which files a new incident. A correlation is over once its counts are passed
/// on and no alert came for a whole window. Pure: instants come from the alerts and the caller's clock.
/// </summary>
public sealed class AlertCorrelator(Duration window)
{
    // A plate list long enough to tell a habit from a one-off, short enough to stay a note on the incident.
    public const int MaxPlates = 20;

    /// <summary>Adds the alert to <paramref name="open"/> if it belongs there; false if it must open a correlation of its own.</summary>
    public bool TryJoin([NotNullWhen(true)] AlertCorrelation? open, CameraAlert alert)
    {
        if (open is null || !Outcome(open, attached: true).Joins(alert.At)) return false;
        open.Count++;
        if (alert.At > open.LastSeen) open.LastSeen = alert.At;
        if (alert.At < open.FirstSeen) open.FirstSeen = alert.At;
        if (alert.Confidence > open.BestConfidence && alert.SnapshotUrl is not null)
            (open.BestConfidence, open.BestSnapshotUrl) = (alert.Confidence, alert.SnapshotUrl);
        if (alert.Plate is { } plate && !open.Plates.Contains(plate) && open.Plates.Count < MaxPlates) open.Plates.Add(plate);
        return true;
    }

    /// <summary>The correlation an alert opens, for the incident to be filed under <paramref name="incidentId"/>.</summary>
    public static AlertCorrelation Open(CameraAlert alert, string incidentId) => new()
    {
        IncidentId = incidentId,
        AlertType = alert.AlertType,
        FirstSeen = alert.At,
        LastSeen = alert.At,
        Count = 1,
        BestConfidence = alert.Confidence,
        BestSnapshotUrl = alert.SnapshotUrl,
        Plates = alert.Plate is { } plate ? [plate] : [],
        FirstConfidence = alert.Confidence,
        FirstSnapshotUrl = alert.SnapshotUrl,
        FirstPlate = alert.Plate,
        Sent = 1,
    };

    /// <summary>The answer to an alert that <paramref name="attached"/> to <paramref name="c"/> or opened it, with the alert times that join it.</summary>
    public AlertOutcome Outcome(AlertCorrelation c, bool attached) =>
        new(c.IncidentId, attached, c.Count, Repeated: false) { JoinsFrom = c.FirstSeen - window, JoinsUntil = c.LastSeen + window };

    /// <summary>Whether the correlation can be dropped at <paramref name="now"/>: everything passed on, and quiet for a window.</summary>
    public bool IsOver(AlertCorrelation c, Instant now) => c.Sent == c.Count && now - c.LastSeen > window;
}
