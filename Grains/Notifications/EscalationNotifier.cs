using System.Security.Cryptography;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Notifications;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Grains.Notifications;

/// <summary>
/// Turns a fired ladder step into notifications for named people: asks the commune, agency and province grains for
/// their rosters, resolves each target with <see cref="TargetResolver"/> as of the firing instant, and queues one
/// notification per person and channel in the outbox, with the gaps it met. The incident calls this until it succeeds.
/// </summary>
public sealed class EscalationNotifier(
    IGrainFactory grains, ReferenceData reference, INotificationOutbox outbox, INotificationChannels channels, IClock clock,
    IOptions<NotificationOptions> options)
{
    private static readonly Duration RosterReuse = Duration.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<UnitRef, (UnitRoster Roster, Instant At)> rosters = new();
    private static readonly LocalDateTimePattern Shown = LocalDateTimePattern.CreateWithInvariantCulture("HH:mm dd/MM");

    private readonly TargetResolver resolver = new(reference.DutyRota);

    public async Task Notify(string incidentId, IncidentLifecycle incident, EscalationRaised step, bool levelAcknowledged)
    {
        var id = new EscalationId(incidentId, step.Kind, step.Round, step.Level, step.Repeat);
        var units = new IncidentUnits(
            incident.Commune is { } commune ? await Roster(UnitRef.Commune(commune)) : null,
            incident.Agency is { } agency ? await Roster(UnitRef.Agency(agency)) : null,
            await Roster(UnitRef.Province),
            incident.Agency is { } a && reference.Agencies.TryGetValue(a, out var known) ? known.Department : null);

        var recipients = new List<Recipient>();
        var gaps = new List<EscalationGapRecord>();
        foreach (var target in step.Targets)
        {
            var resolution = resolver.Resolve(target, incident.Priority, step.At, units);
            // One person reached through two targets is told once; the first target found them.
            recipients.AddRange(resolution.Recipients.Where(r => recipients.All(x => x.Person.StaffId != r.Person.StaffId)));
            gaps.AddRange(resolution.Gaps.Select(g => new EscalationGapRecord
            {
                EscalationId = id.ToString(), IncidentId = incidentId, Target = g.Target, Unit = g.Unit?.ToString(), Reason = g.Reason,
                FellBackTo = g.FellBackTo, FiredAt = step.At, Commune = incident.Commune, Agency = incident.Agency,
            }));
        }

        var notifications = recipients.SelectMany(r => Channels(r.Person).Select(channel => WithBody(new OutgoingNotification
        {
            NotificationId = id.NotificationId(r.Person.StaffId, channel.Name),
            EscalationId = id.ToString(),
            IncidentId = incidentId,
            Kind = EscalationId.KindName(step.Kind), Round = step.Round, Level = step.Level, Repeat = step.Repeat,
            Priority = incident.Priority, Category = incident.Report!.Category, Commune = incident.Commune, Agency = incident.Agency,
            StaffId = r.Person.StaffId, StaffName = r.Person.Name, Unit = r.Unit.ToString(), Target = r.Target, Reason = r.Reason,
            Channel = channel.Name, Address = channel.Address,
            FiredAt = step.At, NotBefore = r.NotBefore,
            AckToken = channel.Name == NotificationChannel.Sms ? NewToken() : null,
            AcknowledgedAt = levelAcknowledged ? step.At : null,
            Body = "",
        }))).ToList();
        await outbox.Enqueue(notifications, gaps);

        OutgoingNotification WithBody(OutgoingNotification n) => n with { Body = Body(incidentId, incident, step, n) };
    }

    /// <summary>
    /// A unit's roster from its grain, reused on this silo for <see cref="RosterReuse"/>: in an escalation storm one
    /// province grain would otherwise answer every step of every incident; an edit is seen within that time.
    /// </summary>
    private async Task<UnitRoster> Roster(UnitRef unit)
    {
        var now = clock.GetCurrentInstant();
        if (rosters.TryGetValue(unit, out var cached) && now - cached.At < RosterReuse) return cached.Roster;
        var roster = await grains.Of(unit).GetRoster();
        rosters[unit] = (roster, now);
        return roster;
    }

    private IEnumerable<(string Name, string? Address)> Channels(StaffMember person)
    {
        yield return (NotificationChannel.Console, null);
        if (person.ZaloUserId is { } zalo && channels.Configured(NotificationChannel.Zalo)) yield return (NotificationChannel.Zalo, zalo);
        if (person.Phone is { } phone && channels.Configured(NotificationChannel.Sms)) yield return (NotificationChannel.Sms, phone);
    }

    private string Body(string incidentId, IncidentLifecycle incident, EscalationRaised step, OutgoingNotification n)
    {
        var category = reference.Categories.TryGetValue(incident.Report!.Category, out var c) ? c.NameVi : incident.Report.Category;
        var place = incident.Commune is { } code && reference.UnitInForce(code, ReferenceData.DateOf(step.At)) is { } unit ? $" tại {unit.Name}" : "";
        var what = step.Kind == EscalationKind.Ack ? "chưa được tiếp nhận" : "chưa được xử lý xong";
        var repeat = step.Repeat > 0 ? $" (nhắc lại lần {step.Repeat})" : "";
        var text = $"[BG] Cảnh báo cấp {step.Level}{repeat}: sự cố {incidentId} - {category} ({incident.Priority}){place} {what}, " +
                   $"quá hạn từ {Shown.Format(step.SlaDeadline.InZone(ReferenceData.Zone).LocalDateTime)}.";
        return n.Channel switch
        {
            NotificationChannel.Sms => $"{text} Xác nhận: {new Uri(options.Value.PublicBaseUrl, "/e/" + n.AckToken)}",
            NotificationChannel.Zalo => $"{text} Trả lời {incidentId} để xác nhận đã nhận.",
            _ => text,
        };
    }

    /// <summary>Unguessable and short enough for an SMS: 12 characters of Crockford base32, 60 bits.</summary>
    private static string NewToken()
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] & 31];
        return new string(chars);
    }
}
