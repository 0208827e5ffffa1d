using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Reference;

public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    public bool Contains(GeoPoint p) => p.Lon >= MinLon && p.Lon <= MaxLon && p.Lat >= MinLat && p.Lat <= MaxLat;
}
