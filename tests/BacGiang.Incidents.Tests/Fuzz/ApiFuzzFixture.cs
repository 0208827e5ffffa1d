using System.Net.Http.Json;
using System.Text.Json;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Fuzz;

/// <summary>What generated requests may name to get past the first check: incidents that exist, staff on a roster.</summary>
public sealed record FuzzSeeds(IReadOnlyList<string> IncidentIds, IReadOnlyList<string> StaffIds, string Open311Key);

/// <summary>
/// The system as the end-to-end tests run it, on a database of its own (the fuzz files reports, edits rosters and
/// sends webhooks by the thousand), with every rate limit raised out of reach and the SMS callback secret set so
/// signed delivery reports reach their handler. It fetches the OpenAPI document, a token of each staff role and a
/// few incidents to aim at.
/// </summary>
public sealed class ApiFuzzFixture : SystemFixture
{
    public const string SmsSecret = "fuzz-sms-callback-secret-0123456789";
    public const string Commune = "07627";
    public const string Agency = "urenco";

    public JsonElement Document { get; private set; }
    public FuzzSeeds Seeds { get; private set; } = null!;

    /// <summary>The Authorization header each caller of <see cref="FuzzRequests.Callers"/> sends, if any.</summary>
    public IReadOnlyDictionary<string, string> Authorization { get; private set; } = null!;

    protected override void ConfigureApi(Dictionary<string, string> api)
    {
        // Rate limits are raised for every system fixture (SystemFixture), so the fuzz's thousands of requests get answers.
        api["Sms__CallbackSecret"] = SmsSecret;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Document = (await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).Clone();

        var tokens = new Dictionary<string, string>();
        // The crew member rides urenco-bg-1 (data/crews.csv), so crew-page calls get past "only a member of the crew".
        foreach (var (caller, role, commune, agency, subject) in new (string, string, string?, string?, string?)[]
                 {
                     ("Admin", "Admin", null, null, null), ("Supervisor", "Supervisor", null, null, null), ("CommuneOfficer", "CommuneOfficer", Commune, null, null),
                     ("AgencyStaff", "AgencyStaff", null, Agency, null), ("CrewMember", "AgencyStaff", null, Agency, "a-urenco-staff-1"),
                 })
        {
            using var response = await Http.PostAsJsonAsync("/dev/token", new { role, commune, agency, subject });
            response.EnsureSuccessStatusCode();
            tokens[caller] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        Authorization = new Dictionary<string, string>
        {
            ["Admin"] = "Bearer " + tokens["Admin"],
            ["Supervisor"] = "Bearer " + tokens["Supervisor"],
            ["CommuneOfficer"] = "Bearer " + tokens["CommuneOfficer"],
            ["AgencyStaff"] = "Bearer " + tokens["AgencyStaff"],
            ["CrewMember"] = "Bearer " + tokens["CrewMember"],
            // A token whose signature no longer matches, one that is not a token, and another scheme.
            ["bad-token"] = "Bearer " + tokens["Admin"][..^4] + "AAAA",
            ["bad-garbage"] = "Bearer not.a.token",
            ["bad-scheme"] = "Basic YWRtaW46YWRtaW4=",
        };

        // Filed with Idempotency-Keys, so their tracking codes (derived from the key and the fixed idempotency secret)
        // are the same in every run, and so are the requests a seed generates.
        var incidents = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (response, body) = await EndToEnd.Api.Post(Http, "/api/reports", EndToEnd.Api.GarbageReport(Commune), idempotencyKey: $"fuzz-seed-incident-{i}");
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            incidents.Add(body.GetProperty("incidentId").GetString()!);
        }
        var staff = File.ReadLines(Path.Combine(Repo.DataDirectory, "people", "roster.csv"))
            .Select(line => line.Split(','))
            .Where(f => f.Length > 2 && f[1] is Commune or Agency or "province")
            .Select(f => f[2]).Take(12).ToList();
        Seeds = new FuzzSeeds(incidents, staff, Open311Key);
    }

    /// <summary>What the API threw, once each: the exception's first line and the first frame of our own code under it.</summary>
    public string ApiExceptions()
    {
        var lines = OutputOf("api").Split('\n');
        var found = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(lines[i], @"^\[api\] (---> )?[A-Za-z.]+(Exception|Error)( \(0x[0-9A-Fa-f]+\))?: ")) continue;
            var frame = lines.Skip(i + 1).TakeWhile(l => l.StartsWith("[api]    at ", StringComparison.Ordinal))
                .FirstOrDefault(l => l.Contains("BacGiang.Incidents", StringComparison.Ordinal));
            found.Add(lines[i] + (frame is null ? "" : "\n" + frame));
        }
        return string.Join("\n", found.Distinct().Take(30));
    }
}
