namespace BacGiang.Incidents.Domain.Events;

/// <summary>Another citizen reported the same thing (same category, close by, soon after): their report joins this incident.</summary>
[GenerateSerializer, Immutable, Alias("ReportAttached")]
public sealed record ReportAttached : IncidentEvent
{
    [Id(0)] public required ReportDetails Report { get; init; }
}

/// <summary>A supervisor merged this incident into another: it ends here and its reports move there.</summary>
[GenerateSerializer, Immutable, Alias("IncidentMerged")]
public sealed record IncidentMerged : IncidentEvent
{
    [Id(0)] public required string Into { get; init; }
    [Id(1)] public string? Reason { get; init; }
}

/// <summary>The reports of a merged incident arrived here; the timeline shows where from.</summary>
[GenerateSerializer, Immutable, Alias("ReportsMergedIn")]
public sealed record ReportsMergedIn : IncidentEvent
{
    [Id(0)] public required string From { get; init; }
    [Id(1)] public required IReadOnlyList<ReportDetails> Reports { get; init; }
}

/// <summary>A report attached by mistake was split out by a supervisor into a new incident of its own.</summary>
[GenerateSerializer, Immutable, Alias("ReportSplitOut")]
public sealed record ReportSplitOut : IncidentEvent
{
    /// <summary>The seq of the ReportAttached event whose report left.</summary>
    [Id(0)] public required long ReportSeq { get; init; }
    [Id(1)] public required string NewIncidentId { get; init; }
    [Id(2)] public string? Reason { get; init; }
}
