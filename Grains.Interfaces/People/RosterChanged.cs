using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>One accepted edit of a roster: what, by whom, when. Seq is dense from 1 per unit.</summary>
[GenerateSerializer, Immutable, Alias("RosterChanged")]
public sealed record RosterChanged
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required Instant At { get; init; }
    [Id(2)] public required Actor Actor { get; init; }
    [Id(3)] public required RosterCommand Change { get; init; }
    /// <summary>"person-added", "person-replaced", "person-removed", "override-added", "override-removed".</summary>
    [Id(4)] public required string Type { get; init; }
}

/// <summary>The answer to a roster edit: the roster after it, or field-keyed errors and nothing stored.</summary>
[GenerateSerializer, Immutable, Alias("RosterResult")]
public sealed record RosterResult
{
    [Id(0)] public UnitRoster? Roster { get; init; }
    [Id(1)] public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    [Id(2)] public RosterChanged? Change { get; init; }

    public bool Succeeded => Errors.Count == 0;
}
