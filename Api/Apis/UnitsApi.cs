using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Api.Apis;

/// <summary>A person as the admin API takes them; duty is written as in data/people/roster.csv ("office", "always", "off-hours:Mon Wed").</summary>
public sealed record PersonRequest(string? StaffId, string? Name, string? Role, string? Duty, string? ZaloUserId, string? Phone, string? Email, string? Department);

public sealed record OverrideRequest(string? StaffId, string? From, string? To, string? SubstituteId, string? Note);

public sealed record PersonOnDuty(string StaffId, string Name, string Reason);

/// <summary>Who holds each role of a unit at an instant, and who of them is on duty.</summary>
public sealed record OnDutyView(string Unit, Instant At, bool OfficeHours, IReadOnlyDictionary<string, IReadOnlyList<PersonOnDuty>> OnDuty, IReadOnlyDictionary<string, IReadOnlyList<PersonOnDuty>> Holders);

/// <summary>
/// The people of communes, agencies and the province, and their duty: read by supervisors and by the unit's own
/// staff, edited by admins. Every accepted edit is a <see cref="RosterChanged"/> event with who and when.
/// </summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{kind}/{code}").WithTags("People");
        unit.MapGet("/roster", async (string kind, string code, HttpContext http, IClusterClient cluster, ReferenceData reference) =>
                await Read(kind, code, http, reference, u => cluster.Of(u).GetRoster()))
            .RequireAuthorization(AuthSetup.StaffPolicy).WithName("GetRoster").Produces<UnitRoster>();
        unit.MapGet("/changes", async (string kind, string code, HttpContext http, IClusterClient cluster, ReferenceData reference) =>
                await Read(kind, code, http, reference, u => cluster.Of(u).GetChanges()))
            .RequireAuthorization(AuthSetup.StaffPolicy).WithName("GetRosterChanges").Produces<IReadOnlyList<RosterChanged>>();
        unit.MapGet("/counters", async (string kind, string code, HttpContext http, IClusterClient cluster, ReferenceData reference) =>
                await Read(kind, code, http, reference, u => cluster.Of(u).GetCounters()))
            .RequireAuthorization(AuthSetup.StaffPolicy).WithName("GetUnitCounters").Produces<UnitCounters>();
        unit.MapGet("/on-duty", OnDuty).RequireAuthorization(AuthSetup.StaffPolicy).WithName("GetOnDuty").Produces<OnDutyView>()
            .WithSummary("Who holds each role and who is on duty at 'at' (default now), with why.");
        unit.MapPost("/people", (string kind, string code, HttpRequest request, IClusterClient cluster, ReferenceData reference) =>
                Edit(kind, code, request, cluster, reference, async () => Then(await Person(request, staffId: null), p => new AddPerson(p))))
            .RequireAuthorization(AuthSetup.AdminPolicy).WithName("AddPerson").Produces<RosterResult>();
        unit.MapPut("/people/{staffId}", (string kind, string code, string staffId, HttpRequest request, IClusterClient cluster, ReferenceData reference) =>
                Edit(kind, code, request, cluster, reference, async () => Then(await Person(request, staffId), p => new ReplacePerson(p))))
            .RequireAuthorization(AuthSetup.AdminPolicy).WithName("ReplacePerson").Produces<RosterResult>();
        unit.MapDelete("/people/{staffId}", (string kind, string code, string staffId, HttpRequest request, IClusterClient cluster, ReferenceData reference) =>
                Edit(kind, code, request, cluster, reference, () => Task.FromResult<OneOf<RosterCommand>>(new RemovePerson(staffId))))
            .RequireAuthorization(AuthSetup.AdminPolicy).WithName("RemovePerson").Produces<RosterResult>();
        unit.MapPost("/overrides", (string kind, string code, HttpRequest request, IClusterClient cluster, ReferenceData reference) =>
                Edit(kind, code, request, cluster, reference, () => Override(request)))
            .RequireAuthorization(AuthSetup.AdminPolicy).WithName("AddDutyOverride").Produces<RosterResult>()
            .WithSummary("Leave or a substitute: {staffId, from, to (dates, both included), substituteId?, note?}.");
        unit.MapDelete("/overrides/{overrideId}", (string kind, string code, string overrideId, HttpRequest request, IClusterClient cluster, ReferenceData reference) =>
                Edit(kind, code, request, cluster, reference, () => Task.FromResult<OneOf<RosterCommand>>(new RemoveOverride(overrideId))))
            .RequireAuthorization(AuthSetup.AdminPolicy).WithName("RemoveDutyOverride").Produces<RosterResult>();
        return app;
    }

    /// <summary>The unit the route names, if it exists; officers and agency staff may read only their own.</summary>
    private static (UnitRef? Unit, IResult? Problem) Resolve(string kind, string code, HttpContext http, ReferenceData reference, IClock? clock = null)
    {
        if (!UnitRef.TryParseKind(kind, out var k)) return (null, Problems.NotFound($"'{kind}' is not commune, agency or province."));
        var unit = new UnitRef(k, code);
        var today = ReferenceData.DateOf((clock ?? SystemClock.Instance).GetCurrentInstant());
        var exists = k switch
        {
            UnitKind.Commune => reference.UnitInForce(code, today) is { Level: UnitLevel.Commune },
            UnitKind.Agency => reference.Agencies.ContainsKey(code),
            _ => code == UnitRef.ProvinceCode,
        };
        if (!exists) return (null, Problems.NotFound($"No {kind} {code}."));
        var actor = http.User.ToActor();
        var allowed = actor is { IsProvinceWide: true }
            || (k == UnitKind.Commune && actor?.Commune == code)
            || (k == UnitKind.Agency && actor?.Agency == code);
        return allowed ? (unit, null) : (null, Problems.Forbidden($"The people of {unit} are shown to their own staff and to supervisors."));
    }

    private static async Task<IResult> Read<T>(string kind, string code, HttpContext http, ReferenceData reference, Func<UnitRef, Task<T>> read)
    {
        var (unit, problem) = Resolve(kind, code, http, reference);
        return problem ?? TypedResults.Ok(await read(unit!));
    }

    private static async Task<IResult> OnDuty(string kind, string code, HttpContext http, IClusterClient cluster, ReferenceData reference, IClock clock)
    {
        var (unit, problem) = Resolve(kind, code, http, reference, clock);
        if (problem is not null) return problem;
        var q = new QueryParameters(http.Request.Query);
        var at = q.Time("at", endOfDay: false) ?? clock.GetCurrentInstant();
        if (!q.Valid) return Problems.Invalid(q.Errors);
        var rota = reference.DutyRota;
        var roster = await cluster.Of(unit!).GetRoster();
        IReadOnlyDictionary<string, IReadOnlyList<PersonOnDuty>> Who(bool onDutyOnly) => StaffRoles.Of(unit!.Kind).ToDictionary(
            role => role,
            role => (IReadOnlyList<PersonOnDuty>)rota.Holders(roster, role, at, onDutyOnly).Select(h => new PersonOnDuty(h.Person.StaffId, h.Person.Name, h.Reason)).ToList());
        return TypedResults.Ok(new OnDutyView(unit!.ToString(), at, rota.InOfficeHours(at), Who(true), Who(false)));
    }

    private static async Task<IResult> Edit(string kind, string code, HttpRequest request, IClusterClient cluster, ReferenceData reference, Func<Task<OneOf<RosterCommand>>> build)
    {
        var (unit, problem) = Resolve(kind, code, request.HttpContext, reference);
        if (problem is not null) return problem;
        var command = await build();
        if (command.Problem is { } invalid) return invalid;
        var result = await cluster.Of(unit!).Change(command.Value!, request.HttpContext.User.ToActor()!);
        return result.Succeeded ? TypedResults.Ok(result) : Problems.Invalid(result.Errors.ToDictionary(e => e.Key, e => e.Value));
    }

    private static OneOf<RosterCommand> Then(OneOf<StaffMember> person, Func<StaffMember, RosterCommand> command) =>
        person.Value is { } p ? command(p) : new OneOf<RosterCommand>(null, person.Problem);

    private static async Task<OneOf<StaffMember>> Person(HttpRequest request, string? staffId)
    {
        var body = await JsonBody.ReadAsync<PersonRequest>(request);
        if (body.Error is { } error) return new OneOf<StaffMember>(null, error);
        var b = body.Value!;
        if (staffId is not null && b.StaffId is not null && b.StaffId != staffId)
            return Problems.Invalid("staffId", $"the body names {b.StaffId} but the address names {staffId}");
        if (!DutyText.TryParse(b.Duty, out var duty))
            return Problems.Invalid("duty", "must be empty, office, always or off-hours: followed by day names (Mon Tue Wed Thu Fri Sat Sun)");
        return new StaffMember
        {
            StaffId = staffId ?? b.StaffId ?? "",
            Name = b.Name ?? "",
            Role = b.Role ?? "",
            Duty = duty,
            ZaloUserId = Blank(b.ZaloUserId),
            Phone = Blank(b.Phone),
            Email = Blank(b.Email),
            Department = Blank(b.Department),
        };
    }

    private static async Task<OneOf<RosterCommand>> Override(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync<OverrideRequest>(request);
        if (body.Error is { } error) return new OneOf<RosterCommand>(null, error);
        var b = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var from = Date(b.From, "from", errors);
        var to = Date(b.To, "to", errors);
        if (string.IsNullOrWhiteSpace(b.StaffId)) errors["staffId"] = ["is required"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        return new AddOverride(new DutyOverride
        {
            Id = "ov-" + Guid.NewGuid().ToString("N")[..10],
            StaffId = b.StaffId!.Trim(),
            From = from!.Value,
            To = to!.Value,
            SubstituteId = Blank(b.SubstituteId),
            Note = Blank(b.Note),
        });
    }

    private static LocalDate? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        var parsed = LocalDatePattern.Iso.Parse(text ?? "");
        if (parsed.Success) return parsed.Value;
        errors[field] = ["is required, as a yyyy-MM-dd date"];
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
