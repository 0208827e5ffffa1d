using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// Whether a crew's reported position may be recorded: a real point inside the province and a time that is neither
/// from the future (beyond clock skew) nor too old to act on. <paramref name="now"/> is passed in so tests need no clock.
/// </summary>
public static class PositionRules
{
    /// <param name="area">The province's boxes (<see cref="ReferenceData.ProvinceArea"/>): the merged Bắc Ninh is the union of the pre-2025 boxes.</param>
    public static PositionCheck Check(double lat, double lon, Instant at, Instant now, IReadOnlyList<BoundingBox> area, DispatchOptions options)
    {
        if (!GeoPoint.TryCreate(lat, lon, out var point, out var error))
            return PositionCheck.Refuse(error!.StartsWith("lat", StringComparison.Ordinal) ? "lat" : "lon", error);
        if (!area.Any(b => b.Contains(point)))
        {
            // Name the coordinate that no box's range holds, so the crew page can say which one is wrong; if each lies in
            // some box but not the same one (the corner the union leaves out), the point as a whole is outside: say lat.
            var field = area.Any(b => lat >= b.MinLat && lat <= b.MaxLat) && !area.Any(b => lon >= b.MinLon && lon <= b.MaxLon) ? "lon" : "lat";
            return PositionCheck.Refuse(field, $"{lat}, {lon} is outside the province");
        }
        if (at > now + options.MaxFutureSkew)
            return PositionCheck.Refuse("at", $"{at} is {Minutes(at - now)} ahead of the server's clock; at most {Minutes(options.MaxFutureSkew)} is tolerated");
        if (at < now - options.MaxAge)
            return PositionCheck.Refuse("at", $"{at} is {Minutes(now - at)} old; positions older than {Minutes(options.MaxAge)} are not recorded");
        return PositionCheck.Accept(point);
    }

    private static string Minutes(Duration d) => $"{d.TotalMinutes:0.#} min";
}
