namespace BacGiang.Incidents.FieldDispatch;

/// <summary>What a crew drives. A closed list so a typo in crews.csv stops start-up rather than inventing a vehicle.</summary>
public static class CrewKinds
{
    public static readonly IReadOnlyList<string> All =
    [
        "fire-engine", "rescue-truck", "patrol-car", "traffic-patrol", "flood-boat", "electric-repair-truck",
        "water-repair-truck", "garbage-truck", "road-repair-truck", "inspection-van", "technician-van",
    ];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
