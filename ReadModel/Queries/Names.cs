using BacGiang.Incidents.Reference;

namespace BacGiang.Incidents.ReadModel;

/// <summary>Vietnamese display names for the codes the read model keeps.</summary>
public static class Names
{
    public static string? Of(ReferenceData reference, SlaGrouping grouping, string code) => grouping switch
    {
        SlaGrouping.Commune => Commune(reference, code),
        SlaGrouping.Agency => reference.Agencies.TryGetValue(code, out var agency) ? agency.NameVi : null,
        _ => reference.Categories.TryGetValue(code, out var category) ? category.NameVi : null,
    };

    /// <summary>The latest name the code bore: incidents keep the code in force when reported, and codes outlive reforms.</summary>
    public static string? Commune(ReferenceData reference, string code) => reference.History(code).LastOrDefault()?.Name;
}
