namespace BacGiang.Incidents.Reference;

/// <summary>A provincial department (sở, or the provincial police and military command) over one or more agencies.</summary>
public sealed record Department(string Code, string NameVi, string NameEn);
