namespace BacGiang.Incidents;

/// <summary>The provincial triage queue of incidents routing could not place; key: <see cref="Province"/>.</summary>
[Alias("ITriageGrain")]
public interface ITriageGrain : IIncidentListGrain
{
    const string Province = "province";
}
