using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Reference;

public sealed record Category(string Code, string NameVi, string NameEn, string DefaultAgency, Priority DefaultPriority);
