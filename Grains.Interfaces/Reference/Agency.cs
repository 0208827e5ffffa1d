namespace BacGiang.Incidents.Reference;

public sealed record Agency(string Code, string NameVi, string NameEn);
