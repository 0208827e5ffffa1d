using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.FieldDispatch;

public sealed class PositionRulesTests
{
    // The shipped boxes: pre-2025 Bắc Giang and Bắc Ninh, whose union holds the merged province.
    private static readonly IReadOnlyList<BoundingBox> Area = ReferenceDataLoader.Load(Repo.DataDirectory).ProvinceArea;
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 2, 0);
    private static readonly DispatchOptions Options = new();

    private static PositionCheck Check(double lat, double lon, Instant? at = null) =>
        PositionRules.Check(lat, lon, at ?? Now, Now, Area, Options);

    [Theory]
    [InlineData(21.2731, 106.1946)]          // Bắc Giang ward, old Bắc Giang box only
    [InlineData(21.0600, 106.0900)]          // Thuận Thành, old Bắc Ninh box only
    [InlineData(21.121901136, 105.880524532)] // south-west corner of the Bắc Giang box, inclusive
    [InlineData(21.626200873, 107.032914125)] // north-east corner of the Bắc Giang box, inclusive
    [InlineData(20.968238797, 106.311518107)] // south-east corner of the Bắc Ninh box, inclusive
    public void A_point_in_either_box_is_accepted(double lat, double lon)
    {
        var check = Check(lat, lon);
        Assert.True(check.Accepted, check.Message);
        Assert.Equal(lat, check.Point!.Value.Lat);
        Assert.Equal(lon, check.Point.Value.Lon);
    }

    [Theory]
    [InlineData(21.85, 106.76, "lat")]          // Lạng Sơn: north of both boxes
    [InlineData(21.6263, 106.5, "lat")]         // a hair north of the Bắc Giang box
    [InlineData(20.9682, 106.0, "lat")]         // a hair south of the Bắc Ninh box
    [InlineData(21.0285, 105.8542, "lon")]      // Hà Nội: latitude of the province, west of both boxes
    [InlineData(21.3, 107.0330, "lon")]         // a hair east of the Bắc Giang box
    [InlineData(21.0, 106.9, "lat")]            // each coordinate in some box, but the union leaves this corner out
    [InlineData(95, 106.2, "lat")]
    [InlineData(double.NaN, 106.2, "lat")]
    [InlineData(21.2, double.NaN, "lon")]
    [InlineData(21.2, 181, "lon")]
    public void A_point_outside_the_province_is_refused_naming_the_field(double lat, double lon, string field)
    {
        var check = Check(lat, lon);
        Assert.False(check.Accepted);
        Assert.Null(check.Point);
        Assert.Equal(field, check.Field);
        Assert.False(string.IsNullOrWhiteSpace(check.Message));
    }

    [Fact]
    public void Clock_skew_is_tolerated_up_to_the_limit_and_not_beyond()
    {
        Assert.True(Check(21.27, 106.19, Now + Duration.FromMinutes(2)).Accepted);
        var ahead = Check(21.27, 106.19, Now + Duration.FromMinutes(2) + Duration.FromTicks(1));
        Assert.Equal("at", ahead.Field);
        Assert.Contains("ahead of the server's clock", ahead.Message);
        Assert.Equal("at", Check(21.27, 106.19, Now + Duration.FromDays(1)).Field);
    }

    [Fact]
    public void Old_positions_are_refused_beyond_the_age_limit()
    {
        Assert.True(Check(21.27, 106.19, Now - Duration.FromHours(1)).Accepted);
        var late = Check(21.27, 106.19, Now - Duration.FromHours(1) - Duration.FromSeconds(1));
        Assert.Equal("at", late.Field);
        Assert.Equal("2026-03-10T00:59:59Z is 60 min old; positions older than 60 min are not recorded", late.Message);
        Assert.Equal("at", Check(21.27, 106.19, Instant.FromUtc(2020, 1, 1, 0, 0)).Field);
    }

    [Fact]
    public void The_limits_come_from_the_options()
    {
        var strict = new DispatchOptions { MaxFutureSkew = Duration.Zero, MaxAge = Duration.FromMinutes(5) };
        Assert.Equal("at", PositionRules.Check(21.27, 106.19, Now + Duration.FromSeconds(1), Now, Area, strict).Field);
        Assert.Equal("at", PositionRules.Check(21.27, 106.19, Now - Duration.FromMinutes(6), Now, Area, strict).Field);
        Assert.True(PositionRules.Check(21.27, 106.19, Now - Duration.FromMinutes(5), Now, Area, strict).Accepted);
    }

    [Fact]
    public void A_bad_place_is_reported_before_a_bad_time()
    {
        Assert.Equal("lon", Check(21.0285, 105.8542, Now + Duration.FromDays(1)).Field);
    }
}
