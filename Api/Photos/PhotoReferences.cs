using BacGiang.Incidents.ReadModel;

namespace BacGiang.Incidents.Api.Photos;

/// <summary>Checks that the system photos a report or a resolution refers to were uploaded here.</summary>
public static class PhotoReferences
{
    /// <summary>Each field (photos[i], photoUrl) whose system photo does not exist, with why; empty when all do.</summary>
    public static async Task<Dictionary<string, string[]>> Unknown(PhotoStore store, IEnumerable<(string Field, string PhotoId)> references, CancellationToken cancellationToken)
    {
        var list = references.ToList();
        var errors = new Dictionary<string, string[]>();
        if (list.Count == 0) return errors;
        var missing = await store.Missing(list.Select(r => r.PhotoId).ToList(), cancellationToken);
        foreach (var (field, id) in list)
            if (missing.Contains(id)) errors[field] = [$"no photo {id} was uploaded: upload it first with POST /api/photos"];
        return errors;
    }
}
