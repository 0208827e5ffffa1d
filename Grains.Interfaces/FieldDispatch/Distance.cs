using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>Straight-line distance on a spherical Earth. Within one province the error against the ellipsoid (≤0.5 %) changes no ranking.</summary>
public static class Distance
{
    /// <summary>The IUGG mean Earth radius.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    public static double Metres(GeoPoint a, GeoPoint b)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        // Clamped: rounding can push h a hair above 1 for antipodes, and asin would return NaN.
        return 2 * EarthRadiusMetres * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }
}
