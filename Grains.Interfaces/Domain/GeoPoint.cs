namespace BacGiang.Incidents.Domain;

/// <summary>A WGS84 point. Construct through <see cref="TryCreate"/> so no NaN or out-of-range point gets in.</summary>
[GenerateSerializer, Immutable, Alias("GeoPoint")]
public readonly record struct GeoPoint([property: Id(0)] double Lat, [property: Id(1)] double Lon)
{
    public static bool TryCreate(double lat, double lon, out GeoPoint point, out string? error)
    {
        point = default;
        error = null;
        if (double.IsNaN(lat) || lat is < -90 or > 90) error = "lat must be between -90 and 90";
        else if (double.IsNaN(lon) || lon is < -180 or > 180) error = "lon must be between -180 and 180";
        else point = new GeoPoint(lat, lon);
        return error is null;
    }
}
