using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>A reported position accepted (with its point) or refused, naming the field at fault: lat, lon or at.</summary>
public sealed record PositionCheck(GeoPoint? Point, string? Field, string? Message)
{
    public bool Accepted => Point is not null;

    public static PositionCheck Accept(GeoPoint point) => new(point, null, null);
    public static PositionCheck Refuse(string field, string message) => new(null, field, message);
}
