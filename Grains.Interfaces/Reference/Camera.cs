using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Reference;

/// <summary>An IOC camera from data/cameras.csv: where it looks and the commune it reports to.</summary>
public sealed record Camera(string Id, string Name, string Commune, GeoPoint Location, string LocationSource);

/// <summary>What an IOC alert type becomes (data/ioc-alert-types.csv).</summary>
public sealed record AlertType(string Code, string Category, Priority Priority, string NameVi);
