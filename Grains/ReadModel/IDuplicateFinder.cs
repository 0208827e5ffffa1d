namespace BacGiang.Incidents.Grains.ReadModel;

/// <summary>Looks up, in the read model, an open incident a new report is probably about.</summary>
public interface IDuplicateFinder
{
    /// <summary>The nearest open incident of the query's category reported since its instant within its radius of its point.</summary>
    Task<string?> FindOpen(DuplicateQuery query, CancellationToken cancellationToken = default);
}
