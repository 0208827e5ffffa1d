namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// The retention policy erased the reporters' personal data from this incident's whole history (Decree 13/2023):
/// names, phones, chat ids, and phone numbers and e-mail addresses in what anyone wrote. Nothing else changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("PersonalDataRedacted")]
public sealed record PersonalDataRedacted : IncidentEvent
{
    /// <summary>The data classes erased, as configured (e.g. reporter_contact).</summary>
    [Id(0)] public required IReadOnlyList<string> Classes { get; init; }
    /// <summary>The rule that required it, in words: "180 days after close".</summary>
    [Id(1)] public required string Rule { get; init; }
}
