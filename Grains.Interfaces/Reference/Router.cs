using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Reference;

/// <summary>
/// Decides where a report goes (DESIGN.md section 3): the category names the agency; the commune is the one
/// the reporter named, else the loaded boundary that holds the point; anything else waits in provincial triage.
/// </summary>
public sealed class Router(ReferenceData data, Func<string, bool> servesCommune)
{
    public RoutingDecision Route(ReportDetails report, Instant reportedAt)
    {
        var agency = data.Categories.TryGetValue(report.Category, out var category) ? category.DefaultAgency : null;
        if (agency is null) return RoutingDecision.Triage($"category '{report.Category}' has no agency", null, null);
        if (report.TriageReason is { } why) return RoutingDecision.Triage(why, report.CommuneCode, agency);

        if (report.CommuneCode is { } code)
        {
            var unit = data.UnitInForce(code, ReferenceData.DateOf(reportedAt));
            if (unit is null || unit.Level != UnitLevel.Commune)
                return RoutingDecision.Triage($"commune code {code} is not a commune in force on {ReferenceData.DateOf(reportedAt).Iso()}", null, agency);
            return servesCommune(code)
                ? RoutingDecision.Routed(code, agency, "commune-code")
                : RoutingDecision.Triage($"commune {code} ({unit.Name}) is not served by this deployment", code, agency);
        }

        if (report.Location is not { } point)
            return RoutingDecision.Triage("no commune named and no location given", null, agency);
        if (!data.InProvince(point))
            return RoutingDecision.Triage($"location {point.Lat:0.#####},{point.Lon:0.#####} is outside the province", null, agency);

        var boundary = data.Boundaries.FirstOrDefault(b => b.Contains(point));
        if (boundary is null)
            return RoutingDecision.Triage("no commune named and no loaded commune boundary holds the location", null, agency);
        return servesCommune(boundary.CommuneCode)
            ? RoutingDecision.Routed(boundary.CommuneCode, agency, "boundary")
            : RoutingDecision.Triage($"commune {boundary.CommuneCode} is not served by this deployment", boundary.CommuneCode, agency);
    }
}
