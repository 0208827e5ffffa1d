using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// Someone is away from <see cref="From"/> to <see cref="To"/> (local dates, both included): leave, a course, sick.
/// With a <see cref="SubstituteId"/> that person stands in for them, role and duty alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("DutyOverride")]
public sealed record DutyOverride
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string StaffId { get; init; }
    [Id(2)] public required LocalDate From { get; init; }
    [Id(3)] public required LocalDate To { get; init; }
    [Id(4)] public string? SubstituteId { get; init; }
    [Id(5)] public string? Note { get; init; }

    public bool Covers(LocalDate date) => From <= date && date <= To;

    /// <summary>"2026-12-01–2026-12-05": how reasons and errors name the dates.</summary>
    public string DateRange => $"{From.Iso()}–{To.Iso()}";
}
