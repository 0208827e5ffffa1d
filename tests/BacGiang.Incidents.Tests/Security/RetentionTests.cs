using System.Net;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Tests.EndToEnd;
using Http = BacGiang.Incidents.Tests.EndToEnd.Api;
using BacGiang.Incidents.Tests.Support;
using Npgsql;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>The system with a retention period of seconds, so an ended incident's personal data is erased while the test watches.</summary>
public sealed class RetentionSystem : SystemFixture
{
    protected override void ConfigureSilo(Dictionary<string, string> silo)
    {
        silo["Retention__ReporterContactAfterEnd"] = "00:00:02";
        silo["Retention__SweepInterval"] = "00:00:01";
    }
}

[CollectionDefinition(Name)]
public sealed class RetentionCollection : ICollectionFixture<RetentionSystem>
{
    public const string Name = "retention";
}

/// <summary>Retention (issue 13, Decree 13/2023): after it runs, no table holds the reporters' names, phones or chat ids.</summary>
[Collection(RetentionCollection.Name)]
public sealed class RetentionTests(RetentionSystem system)
{
    [Fact]
    public async Task After_redaction_a_dump_of_every_table_holds_no_trace_of_the_reporters()
    {
        // Unique per run, so a match can only come from this test's reports.
        var tail = Random.Shared.Next(10_000_000, 99_999_999).ToString();
        var phone = "09" + tail;
        var name = $"Lưu Trữ Thị {tail}";
        var spaced = $"{phone[..4]} {phone[4..7]} {phone[7..]}";
        var at = Http.NextPoint();

        // An app report with a name, a phone, the phone again in the description, and a photo, and a Zalo report of
        // the same fire: the citizen's chat id is personal data too. The resolution has a photo of its own.
        var reportPhoto = await UploadPhoto();
        var resolutionPhoto = await UploadPhoto();
        var photoIds = new[] { reportPhoto, resolutionPhoto }.Select(url => url.Split('/')[^1]).ToArray();
        var (filed, body) = await Http.Post(system.Http, "/api/reports", new
        {
            category = "fire",
            description = $"Cháy nhà kho, gọi tôi {spaced}",
            lat = at.Lat, lon = at.Lon,
            communeCode = Reports.DaiSon,
            reporter = new { name, phone },
            photos = new[] { reportPhoto },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = body.GetProperty("incidentId").GetString()!;
        var zaloUser = Random.Shared.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000).ToString();
        // The place first: a fire is filed as soon as anything says where, and joins the known one only with a location.
        await Zalo(zaloUser, "user_send_location", new
        {
            attachments = new[] { new { payload = new { coordinates = new { latitude = at.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture), longitude = at.Lon.ToString(System.Globalization.CultureInfo.InvariantCulture) } }, type = "location" } },
            text = "", msg_id = "r1-" + zaloUser,
        });
        await Zalo(zaloUser, "user_send_text", new { text = $"Cháy nhà kho ở xã Đại Sơn, số tôi {phone}", msg_id = "r2-" + zaloUser });
        await Eventually.True(() => Task.FromResult(system.ZaloOa.To(zaloUser).Count >= 2), "the Zalo assistant asked for a photo");
        await Zalo(zaloUser, "user_send_text", new { text = "không", msg_id = "r3-" + zaloUser });
        using var supervisor = await system.ClientFor("Supervisor");
        await Eventually.True(async () => (await Http.Get(supervisor, $"/api/incidents/{id}")).Body.GetProperty("reportCount").GetInt32() == 2,
            "the Zalo report joined the incident");

        // The dump finds them while the incident is open: the search below can see what it looks for.
        var traces = new[] { name, tail, zaloUser, photoIds[0] };
        var before = await DumpEveryTable();
        Assert.All(traces, t => Assert.Contains(t, before));

        foreach (var action in new[] { "acknowledge", "start" })
            Assert.Equal(HttpStatusCode.OK, (await Http.Post(supervisor, $"/api/incidents/{id}/{action}", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.Post(supervisor, $"/api/incidents/{id}/resolve", new { outcome = "fixed", note = $"Đã gọi {spaced}", photoUrl = resolutionPhoto })).Response.StatusCode);
        // Counted in the table, not fetched: a staff read would put the photo's id in the access log, which keeps it.
        Assert.Equal(2, await StoredPhotos(photoIds));
        // A rating's comment is free text: the phone in it goes too (in the event and in incident_ratings).
        Assert.Equal(HttpStatusCode.OK, (await Http.Post(system.Http, $"/api/track/{id}/rating", new { stars = 4, comment = $"Nhanh, cần thì gọi {phone}" })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.Post(supervisor, $"/api/incidents/{id}/close", null)).Response.StatusCode);

        await Eventually.True(async () => (await Http.Get(supervisor, $"/api/incidents/{id}/timeline")).Body.EnumerateArray()
            .Any(e => e.GetProperty("type").GetString() == "PersonalDataRedacted"), "the retention job erased the incident's personal data");

        Assert.Empty(Found(await DumpEveryTable(), [.. traces, photoIds[1]]));
        Assert.Equal(0, await StoredPhotos(photoIds));
        // What the case was stays: category, place, the staff's steps.
        var incident = (await Http.Get(supervisor, $"/api/incidents/{id}")).Body;
        Assert.Equal(("fire", "closed", 2), (incident.GetProperty("category").GetString(), incident.GetProperty("status").GetString(), incident.GetProperty("reportCount").GetInt32()));
        Assert.StartsWith("Cháy nhà kho, gọi tôi […]", incident.GetProperty("report").GetProperty("description").GetString());
    }

    /// <summary>Uploads a small photo and gives the url a report or a resolution names it by.</summary>
    private async Task<string> UploadPhoto()
    {
        var (response, body) = await PhotoTests.Upload(system.Http, TestImages.Png(64, 48), "photo.png", "image/png");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("url").GetString()!;
    }

    private async Task<long> StoredPhotos(string[] photoIds)
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM photos WHERE photo_id = ANY($1)", connection) { Parameters = { new() { Value = photoIds } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task Zalo(string user, string eventName, object message) =>
        Assert.Equal(HttpStatusCode.OK, (await system.Http.SendAsync(ZaloEvents.Signed(user, eventName, message))).StatusCode);

    /// <summary>Every row of every table of the database as text; binary columns also as their bytes read as UTF-8.</summary>
    private async Task<string> DumpEveryTable()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains("public.incident_events", tables);
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM {table}", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i)) continue;
                    var value = reader.GetValue(i);
                    dump.Append(table).Append(':').Append(value switch
                    {
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        Array array => string.Join("|", array.Cast<object>()),
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    }).Append('\n');
                }
        }
        return dump.ToString();
    }

    private static List<string> Found(string dump, IEnumerable<string> traces) => traces.Where(t => dump.Contains(t, StringComparison.Ordinal)).Select(t => $"{t} in {Line(dump, t)}").ToList();

    private static string Line(string dump, string trace)
    {
        var at = dump.IndexOf(trace, StringComparison.Ordinal);
        var start = dump.LastIndexOf('\n', at) + 1;
        var end = dump.IndexOf('\n', at);
        return dump[start..(end < 0 ? dump.Length : end)];
    }
}
