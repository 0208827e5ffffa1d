namespace BacGiang.Incidents.FieldDispatch;

/// <summary>How sure the ranking is of where a crew is.</summary>
public enum PositionState
{
    Fresh,
    /// <summary>Last report older than <see cref="DispatchOptions.FreshFor"/>: the distance is from where it was.</summary>
    Stale,
    /// <summary>Never reported: no distance.</summary>
    Unknown,
}

/// <summary>One ranked crew: <see cref="Rank"/> from 1, the straight-line distance in metres (null when the position is unknown).</summary>
public sealed record CrewSuggestion(int Rank, CrewSnapshot Crew, double? DistanceMetres, PositionState Position)
{
    public bool Busy => Crew.Status != CrewStatus.Available;
}
