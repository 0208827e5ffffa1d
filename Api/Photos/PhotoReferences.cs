using BacGiang.Incidents.ReadModel;
using NodaTime;

namespace BacGiang.Incidents.Api.Photos;

/// <summary>Checks that the system photos a report or a resolution refers to were uploaded here, and claims them.</summary>
public static class PhotoReferences
{
    /// <summary>
    /// Each field (photos[i], photoUrl) whose system photo does not exist, with why; empty when all do, and then they
    /// are marked as named (before filing: a report filed whose photos were then swept would show none).
    /// </summary>
    public static async Task<Dictionary<string, string[]>> Claim(PhotoStore store, IEnumerable<(string Field, string PhotoId)> references, Instant at, CancellationToken cancellationToken)
    {
        var list = references.ToList();
        var errors = new Dictionary<string, string[]>();
        if (list.Count == 0) return errors;
        var missing = await store.Claim(list.Select(r => r.PhotoId).ToList(), at, cancellationToken);
        foreach (var (field, id) in list)
            if (missing.Contains(id)) errors[field] = [$"no photo {id} was uploaded: upload it first with POST /api/photos"];
        return errors;
    }
}
