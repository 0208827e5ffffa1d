namespace BacGiang.Incidents.Reference;

/// <summary>A body that works incidents; <see cref="Department"/> is the department over it, whose director is the ladder's top.</summary>
public sealed record Agency(string Code, string NameVi, string NameEn, string Department);
