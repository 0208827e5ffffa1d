using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Api.Auth;

/// <summary>Who sees a reporter's phone number whole (section "PersonalData"): those who call the citizen back.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>Roles shown the reporter's phone in full; everyone else sees it masked (0912***678).</summary>
    public List<ActorRole> PhoneVisibleTo { get; set; } = [ActorRole.CommuneOfficer, ActorRole.AgencyStaff];
}

/// <summary>
/// The reporter's phone as a given member of staff may see it (issue 13): whole for the roles that act on the case,
/// masked for those who audit it, who can still tell two reporters apart by the ends of their numbers.
/// </summary>
public static class ReporterContact
{
    public static string Mask(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..4] + new string('*', phone.Length - 7) + phone[^3..];

    public static ReportDetails ForViewer(ReportDetails report, bool wholePhone) =>
        wholePhone || report.Reporter?.Phone is not { } phone ? report : report with { Reporter = report.Reporter with { Phone = Mask(phone) } };

    public static IncidentView ForViewer(IncidentView incident, bool wholePhone) =>
        wholePhone ? incident : incident with { Report = ForViewer(incident.Report, wholePhone) };

    public static IncidentEvent ForViewer(IncidentEvent e, bool wholePhone) => wholePhone ? e : e switch
    {
        IncidentReported r => r with { Report = ForViewer(r.Report, wholePhone) },
        ReportAttached a => a with { Report = ForViewer(a.Report, wholePhone) },
        ReportsMergedIn m => m with { Reports = m.Reports.Select(r => ForViewer(r, wholePhone)).ToList() },
        _ => e,
    };
}
