using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;
using Npgsql;

namespace BacGiang.Incidents.Tests.EndToEnd;

[Collection(SystemCollection.Name)]
public class PhotoTests(SystemFixture system)
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> Upload(HttpClient client, byte[] bytes, string fileName = "photo.jpg",
        string contentType = "image/jpeg", string field = "photo")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        var response = await client.PostAsync("/api/photos", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<long> PhotoRows()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM photos", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<byte[]> StoredBytes(string photoId, string column)
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {column} FROM photos WHERE photo_id = $1", connection) { Parameters = { new() { Value = photoId } } };
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    private static void AssertNoMetadata(byte[] jpeg)
    {
        Assert.DoesNotContain(TestImages.Segments(jpeg), s => s.Marker is 0xE1 or 0xED);
        Assert.False(TestImages.Contains(jpeg, "Exif"));
        Assert.False(TestImages.Contains(jpeg, "GPS"));
        Assert.False(TestImages.Contains(jpeg, TestImages.CameraMake));
        Assert.False(TestImages.Contains(jpeg, TestImages.CameraModel));
    }

    [Fact]
    public async Task A_camera_photo_is_stored_without_its_exif_location_or_device_and_served_to_staff_only()
    {
        var (response, body) = await Upload(system.Http, TestImages.CameraJpeg(), "IMG_0001.JPG");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("photoId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal($"/api/photos/{id}", body.GetProperty("url").GetString());
        Assert.Equal($"/api/photos/{id}/thumbnail", body.GetProperty("thumbnailUrl").GetString());
        Assert.Equal($"/api/photos/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((48, 64), (body.GetProperty("width").GetInt32(), body.GetProperty("height").GetInt32()));

        var stored = await StoredBytes(id, "image");
        Assert.Equal(body.GetProperty("bytes").GetInt32(), stored.Length);
        AssertNoMetadata(stored);
        AssertNoMetadata(await StoredBytes(id, "thumbnail"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Http.GetAsync($"/api/photos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Http.GetAsync($"/api/photos/{id}/thumbnail")).StatusCode);
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        foreach (var path in new[] { $"/api/photos/{id}", $"/api/photos/{id}/thumbnail" })
        {
            var served = await officer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            Assert.True(served.Headers.CacheControl is { Private: true, MaxAge: not null }, $"Cache-Control: {served.Headers.CacheControl}");
            Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
            AssertNoMetadata(await served.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/photos/{new string('0', 32)}")).StatusCode);
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    public async Task Png_and_webp_uploads_are_taken(string format, string contentType)
    {
        var (response, body) = await Upload(system.Http, format == "png" ? TestImages.Png() : TestImages.Webp(), "photo." + format, contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((40, 30), (body.GetProperty("width").GetInt32(), body.GetProperty("height").GetInt32()));
    }

    public static TheoryData<string, byte[], HttpStatusCode> BadUploads() => new()
    {
        { "text named .jpg", "This is a text file, not a photo.\n"u8.ToArray(), HttpStatusCode.UnsupportedMediaType },
        { "over the size cap", [0xFF, 0xD8, 0xFF, .. new byte[8 * 1024 * 1024]], HttpStatusCode.RequestEntityTooLarge },
        { "50,000×50,000 pixels declared", TestImages.JpegClaiming(50_000, 50_000), HttpStatusCode.BadRequest },
        { "truncated jpeg", TestImages.Jpeg(200, 150)[..1500], HttpStatusCode.BadRequest },
        { "empty", [], HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_upload_is_a_4xx_problem_naming_the_photo_field_and_nothing_is_stored(string what, byte[] bytes, HttpStatusCode status)
    {
        var before = await PhotoRows();
        var (response, problem) = await Upload(system.Http, bytes);
        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode} {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("photo", out _), $"{what}: errors should name 'photo': {problem}");
        Assert.Equal(before, await PhotoRows());
    }

    [Fact]
    public async Task An_upload_without_a_photo_field_or_not_multipart_is_refused()
    {
        var before = await PhotoRows();
        var (wrongField, problem) = await Upload(system.Http, TestImages.Jpeg(), field: "image");
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("photo", out _));
        var json = await system.Http.PostAsync("/api/photos", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await PhotoRows());
    }

    [Fact]
    public async Task A_citizen_sees_the_photos_of_their_own_incident_only_and_reports_must_name_uploaded_photos()
    {
        var (_, mine) = await Upload(system.Http, TestImages.CameraJpeg());
        var (_, other) = await Upload(system.Http, TestImages.Png());
        var mineUrl = mine.GetProperty("url").GetString()!;
        var mineId = mine.GetProperty("photoId").GetString()!;
        var otherId = other.GetProperty("photoId").GetString()!;

        var unknown = $"/api/photos/{new string('a', 32)}";
        var report = JsonSerializer.SerializeToElement(Api.GarbageReport(), SystemFixture.Json);
        object WithPhotos(params string[] photos)
        {
            var fields = report.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
            fields["photos"] = photos;
            return fields;
        }
        var (refused, problem) = await Api.Post(system.Http, "/api/reports", WithPhotos("https://example.org/a.jpg", unknown));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("photos[1]", out _), problem.ToString());
        var (malformed, malformedProblem) = await Api.Post(system.Http, "/api/reports", WithPhotos("/api/photos/not-an-id"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(malformedProblem.GetProperty("errors").TryGetProperty("photos[0]", out _), malformedProblem.ToString());

        var (filed, accepted) = await Api.Post(system.Http, "/api/reports", WithPhotos(mineUrl, "https://example.org/b.jpg"));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var code = accepted.GetProperty("trackingCode").GetString()!;

        foreach (var suffix in new[] { "", "/thumbnail" })
        {
            var served = await system.Http.GetAsync($"/api/track/{code}/photos/{mineId}{suffix}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            AssertNoMetadata(await served.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync($"/api/track/{code}/photos/{otherId}{suffix}")).StatusCode);
        }
        var noSuchIncident = await system.Http.GetAsync($"/api/track/BG-2222-2222/photos/{mineId}");
        Assert.Equal(HttpStatusCode.NotFound, noSuchIncident.StatusCode);
        Assert.Equal("application/problem+json", noSuchIncident.Content.Headers.ContentType?.MediaType);

        // The staff resolution's photo may be one uploaded here too; an unknown one is refused naming photoUrl.
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        using var supervisor = await system.ClientFor("Supervisor");
        var (badResolve, badResolveProblem) = await Api.Post(supervisor, $"/api/incidents/{incidentId}/resolve", new { outcome = "fixed", photoUrl = unknown });
        Assert.Equal(HttpStatusCode.BadRequest, badResolve.StatusCode);
        Assert.True(badResolveProblem.GetProperty("errors").TryGetProperty("photoUrl", out _), badResolveProblem.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(supervisor, $"/api/incidents/{incidentId}/acknowledge", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(supervisor, $"/api/incidents/{incidentId}/start", null)).Response.StatusCode);
        var (resolved, _) = await Api.Post(supervisor, $"/api/incidents/{incidentId}/resolve", new { outcome = "fixed", photoUrl = $"/api/photos/{otherId}" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync($"/api/track/{code}/photos/{otherId}")).StatusCode);
    }

    [Fact]
    public async Task Uploads_no_report_named_are_swept_after_a_while_and_named_ones_kept()
    {
        var (_, named) = await Upload(system.Http, TestImages.Jpeg());
        var (_, abandoned) = await Upload(system.Http, TestImages.Jpeg());
        var namedId = named.GetProperty("photoId").GetString()!;
        var abandonedId = abandoned.GetProperty("photoId").GetString()!;
        var (filed, _) = await Api.Post(system.Http, "/api/reports",
            Api.GarbageReportAt(Api.NextPoint(), Reports.DaiSon, photos: [named.GetProperty("url").GetString()!]));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);

        await using var database = NpgsqlDataSource.Create(system.ConnectionString);
        await using (var backdate = database.CreateCommand("UPDATE photos SET uploaded_at = now() - interval '2 days' WHERE photo_id = ANY($1)"))
        {
            backdate.Parameters.AddWithValue(new[] { namedId, abandonedId });
            Assert.Equal(2, await backdate.ExecuteNonQueryAsync());
        }
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        await new BacGiang.Incidents.ReadModel.PhotoStore(database).DeleteUnreferenced(now - NodaTime.Duration.FromDays(1), 1000);

        using var staff = await system.ClientFor("Supervisor");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/photos/{namedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/photos/{abandonedId}")).StatusCode);
    }
}
