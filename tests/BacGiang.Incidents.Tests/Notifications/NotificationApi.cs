using System.Net.Http.Json;
using System.Text.Json;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Notifications;

/// <summary>What the notification tests ask the API, as a client would.</summary>
public static class NotificationApi
{
    public static async Task<string> FileFire(HttpClient http, string commune)
    {
        using var response = await http.PostAsJsonAsync("/api/reports", new
        {
            category = "fire", description = "Cháy kho chứa rơm cạnh đường", communeCode = commune, lat = 21.30, lon = 106.60,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!;
    }

    public static async Task<StaffMember> Person(HttpClient supervisor, string unit, string staffId)
    {
        var roster = await supervisor.GetFromJsonAsync<UnitRoster>($"/api/units/{unit}/roster", IncidentJson.Options);
        return roster!.People.Single(p => p.StaffId == staffId);
    }

    public static async Task<IReadOnlyList<NotificationView>> Audit(HttpClient supervisor, string incidentId) =>
        (await supervisor.GetFromJsonAsync<List<NotificationView>>($"/api/audit/notifications?incident={incidentId}&limit=1000", IncidentJson.Options))!;

    /// <summary>Polls the audit until the condition holds of the incident's notifications, and returns them.</summary>
    public static async Task<IReadOnlyList<NotificationView>> AuditWhen(HttpClient supervisor, string incidentId, Func<IReadOnlyList<NotificationView>, bool> condition, string what, int timeoutSeconds = 120)
    {
        IReadOnlyList<NotificationView> rows = [];
        try
        {
            await Eventually.True(async () => condition(rows = await Audit(supervisor, incidentId)), what, timeoutSeconds);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last seen: " + string.Join("; ", rows.Select(n => $"L{n.Level}r{n.Repeat} {n.Channel} {n.State} ×{n.Attempts} {n.LastError}")), e);
        }
        return rows;
    }
}
