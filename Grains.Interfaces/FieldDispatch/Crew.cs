using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// A crew of an agency: a vehicle and the people who ride it. <see cref="Home"/> is its base, where it is assumed to be
/// until it first reports; <see cref="Shift"/> uses the roster's duty notation (office, always, off-hours:days).
/// </summary>
public sealed record Crew(
    string Agency, string CrewId, string Name, string Kind, GeoPoint Home, IReadOnlyList<string> Members, DutyPattern Shift);
