namespace BacGiang.Incidents.Domain.Commands;

/// <summary>A person's request to move an incident along. <see cref="CommandId"/> makes a retry safe.</summary>
[GenerateSerializer, Immutable, Alias("IncidentCommand")]
public abstract record IncidentCommand
{
    [Id(0)] public string? CommandId { get; init; }

    public abstract IncidentAction Action { get; }
}

[GenerateSerializer, Immutable, Alias("Acknowledge")]
public sealed record Acknowledge : IncidentCommand
{
    [Id(0)] public string? Note { get; init; }
    public override IncidentAction Action => IncidentAction.Acknowledge;
}

[GenerateSerializer, Immutable, Alias("Dispatch")]
public sealed record Dispatch : IncidentCommand
{
    /// <summary>Already checked against reference data by the caller; null keeps the current one.</summary>
    [Id(0)] public string? Commune { get; init; }
    [Id(1)] public string? Agency { get; init; }
    [Id(2)] public required string Reason { get; init; }
    public override IncidentAction Action => IncidentAction.Dispatch;
}

[GenerateSerializer, Immutable, Alias("Start")]
public sealed record Start : IncidentCommand
{
    [Id(0)] public string? Note { get; init; }
    public override IncidentAction Action => IncidentAction.Start;
}

[GenerateSerializer, Immutable, Alias("Resolve")]
public sealed record Resolve : IncidentCommand
{
    [Id(0)] public required ResolutionOutcome Outcome { get; init; }
    [Id(1)] public string? Note { get; init; }
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public string? ReferredTo { get; init; }
    [Id(4)] public string? PhotoUrl { get; init; }
    public override IncidentAction Action => IncidentAction.Resolve;
}

[GenerateSerializer, Immutable, Alias("Close")]
public sealed record Close : IncidentCommand
{
    [Id(0)] public string? Note { get; init; }
    public override IncidentAction Action => IncidentAction.Close;
}

[GenerateSerializer, Immutable, Alias("Reject")]
public sealed record Reject : IncidentCommand
{
    [Id(0)] public required string Reason { get; init; }
    public override IncidentAction Action => IncidentAction.Reject;
}

[GenerateSerializer, Immutable, Alias("Reopen")]
public sealed record Reopen : IncidentCommand
{
    [Id(0)] public required string Reason { get; init; }
    public override IncidentAction Action => IncidentAction.Reopen;
}

[GenerateSerializer, Immutable, Alias("Wait")]
public sealed record Wait : IncidentCommand
{
    /// <summary>What is asked of the citizen.</summary>
    [Id(0)] public required string Reason { get; init; }
    public override IncidentAction Action => IncidentAction.Wait;
}

[GenerateSerializer, Immutable, Alias("Resume")]
public sealed record Resume : IncidentCommand
{
    [Id(0)] public string? Note { get; init; }
    public override IncidentAction Action => IncidentAction.Resume;
}

/// <summary>Ends this incident as a duplicate of <see cref="Into"/>; its reports move there.</summary>
[GenerateSerializer, Immutable, Alias("Merge")]
public sealed record Merge : IncidentCommand
{
    [Id(0)] public required string Into { get; init; }
    [Id(1)] public string? Reason { get; init; }
    public override IncidentAction Action => IncidentAction.Merge;
}

/// <summary>Takes a wrongly attached report out into a new incident, <see cref="NewIncidentId"/>, chosen by the caller.</summary>
[GenerateSerializer, Immutable, Alias("Split")]
public sealed record Split : IncidentCommand
{
    [Id(0)] public required long ReportSeq { get; init; }
    [Id(1)] public required string NewIncidentId { get; init; }
    [Id(2)] public string? Reason { get; init; }
    public override IncidentAction Action => IncidentAction.Split;
}

/// <summary>A working note on the incident's timeline; it changes nothing else and is not sent to the citizen.</summary>
[GenerateSerializer, Immutable, Alias("AddNote")]
public sealed record AddNote : IncidentCommand
{
    [Id(0)] public required string Text { get; init; }
    public override IncidentAction Action => IncidentAction.AddNote;
}

/// <summary>The agency hands the incident back to the provincial triage queue: routing sent it to the wrong body.</summary>
[GenerateSerializer, Immutable, Alias("ReturnToTriage")]
public sealed record ReturnToTriage : IncidentCommand
{
    [Id(0)] public required string Reason { get; init; }
    public override IncidentAction Action => IncidentAction.ReturnToTriage;
}

/// <summary>A citizen's rating after resolution: once per incident and reporter (actor), 1–5 stars, a comment of at most 1000 characters.</summary>
[GenerateSerializer, Immutable, Alias("Rate")]
public sealed record Rate : IncidentCommand
{
    [Id(0)] public required int Stars { get; init; }
    [Id(1)] public string? Comment { get; init; }
    /// <summary>"web" or "zalo".</summary>
    [Id(2)] public required string Channel { get; init; }
    public override IncidentAction Action => IncidentAction.Rate;
}
