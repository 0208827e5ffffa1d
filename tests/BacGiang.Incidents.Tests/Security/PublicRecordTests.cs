using BacGiang.Incidents.Api.Open311;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>What a public listing lets through of a citizen's words and place (issue 13).</summary>
public sealed class PublicRecordTests
{
    [Theory]
    [InlineData("Gọi 0912345678 nhé", "Gọi […] nhé")]
    [InlineData("gọi 0912 345 678.", "gọi […].")]
    [InlineData("SĐT +84 912.345.678", "SĐT […]")]
    [InlineData("sđt 84-912-345-678", "sđt […]")]
    [InlineData("(0204) 3854 123 trực ban", "([…] trực ban")]
    [InlineData("email le.van.c@example.org.", "email […].")]
    [InlineData("xe 98A-123.45 đỗ trước cổng", "xe […] đỗ trước cổng")]
    [InlineData("biển 98-A1 123.45", "biển […]")]
    [InlineData("xe tải 29C12345 đổ trộm", "xe tải […] đổ trộm")]
    [InlineData("biển số 99 LD 01234", "biển số […]")]
    [InlineData("xe 98a-123.45", "xe […]")]
    public void Phones_mails_and_plates_are_removed(string text, string expected) => Assert.Equal(expected, PublicRecord.Redact(text));

    [Theory]
    [InlineData("Ngày 2026-11-01 10:30 đèn số 12 hỏng")]
    [InlineData("Đường 295B, km 12+300, cột điện 0123")]
    [InlineData("Cống ngập sâu 40 cm, dài 150 m")]
    public void Dates_road_numbers_and_measures_stay(string text) => Assert.Equal(text, PublicRecord.Redact(text));

    [Theory]
    [InlineData(21.30124, 21.301)]
    [InlineData(21.3015, 21.302)]
    [InlineData(106.61094, 106.611)]
    public void Coordinates_are_rounded_to_about_100_m(double exact, double coarse) => Assert.Equal(coarse, PublicRecord.Coarse(exact));
}
