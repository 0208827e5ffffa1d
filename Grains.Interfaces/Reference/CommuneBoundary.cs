using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Reference;

/// <summary>A commune's outline loaded by an operator (GeoJSON); rings are [lon, lat] as GeoJSON has them.</summary>
public sealed record CommuneBoundary(string CommuneCode, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> Polygons)
{
    /// <summary>Even-odd ray casting over every ring, so holes work without special cases.</summary>
    public bool Contains(GeoPoint p)
    {
        foreach (var polygon in Polygons)
        {
            var inside = false;
            foreach (var ring in polygon)
            {
                for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
                {
                    var (xi, yi) = ring[i];
                    var (xj, yj) = ring[j];
                    if ((yi > p.Lat) != (yj > p.Lat) && p.Lon < (xj - xi) * (p.Lat - yi) / (yj - yi) + xi)
                        inside = !inside;
                }
            }
            if (inside) return true;
        }
        return false;
    }
}
