using BacGiang.Incidents.People;
using BacGiang.Incidents.Tests.Sla;
using NodaTime;
using static NodaTime.IsoDayOfWeek;

namespace BacGiang.Incidents.Tests.People;

/// <summary>Small hand-made rosters shaped like the shipped samples, with names a failing assertion can be read by.</summary>
public static class Rosters
{
    public static readonly DutyRota Rota = new(Calendars.Office);

    public static readonly DutyPattern OfficeDuty = new() { Kind = DutyKind.OfficeHours };
    public static readonly DutyPattern RoundTheClock = new() { Kind = DutyKind.Always };
    public static readonly DutyPattern MonWedFriSun = OffHours(Monday, Wednesday, Friday, Sunday);
    public static readonly DutyPattern TueThuSat = OffHours(Tuesday, Thursday, Saturday);

    public static DutyPattern OffHours(params IsoDayOfWeek[] days) => new() { Kind = DutyKind.OffHours, Days = days };

    public static StaffMember Person(string id, string name, string role, DutyPattern? duty = null, string? department = null) =>
        new() { StaffId = id, Name = name, Role = role, Duty = duty ?? DutyPattern.None, Department = department };

    public static readonly StaffMember Chairman = Person("c-chairman", "Trần Văn Chính", StaffRoles.Chairman);
    public static readonly StaffMember ViceChairman = Person("c-vice", "Phạm Thị Phó", StaffRoles.ViceChairman);
    public static readonly StaffMember OfficeOfficer = Person("c-officer-1", "Lê Văn Một", StaffRoles.Officer, OfficeDuty);
    public static readonly StaffMember EarlyWeekOfficer = Person("c-officer-2", "Lê Thị Hai", StaffRoles.Officer, MonWedFriSun);
    public static readonly StaffMember LateWeekOfficer = Person("c-officer-3", "Lê Văn Ba", StaffRoles.Officer, TueThuSat);

    public static readonly StaffMember AgencyHead = Person("a-head", "Đỗ Văn Trưởng", StaffRoles.Head);
    public static readonly StaffMember AgencyDesk = Person("a-staff-1", "Đỗ Thị Trực", StaffRoles.Staff, RoundTheClock);

    public static readonly StaffMember OfficeSupervisor = Person("p-supervisor-1", "Vũ Văn Giám", StaffRoles.Supervisor, OfficeDuty);
    public static readonly StaffMember EarlyWeekSupervisor = Person("p-supervisor-2", "Vũ Thị Sát", StaffRoles.Supervisor, MonWedFriSun);
    public static readonly StaffMember LateWeekSupervisor = Person("p-supervisor-3", "Vũ Văn Tra", StaffRoles.Supervisor, TueThuSat);
    public static readonly StaffMember PoliceDirector = Person("p-director-police", "Ngô Văn Công", StaffRoles.DepartmentDirector, department: "police");
    public static readonly StaffMember ConstructionDirector = Person("p-director-construction", "Ngô Thị Xây", StaffRoles.DepartmentDirector, department: "construction");

    public static readonly IReadOnlySet<string> Departments =
        new HashSet<string> { "police", "military", "industry-trade", "construction", "agri-environment", "science-technology" };

    public static UnitRoster Commune(params DutyOverride[] overrides) => CommuneOf([Chairman, ViceChairman, OfficeOfficer, EarlyWeekOfficer, LateWeekOfficer], overrides);

    public static UnitRoster CommuneOf(IReadOnlyList<StaffMember> people, params DutyOverride[] overrides) =>
        new() { Unit = UnitRef.Commune("07627"), People = people, Overrides = overrides };

    public static UnitRoster Agency() => new() { Unit = UnitRef.Agency("construction"), People = [AgencyHead, AgencyDesk] };

    public static UnitRoster Province(params DutyOverride[] overrides) => new()
    {
        Unit = UnitRef.Province,
        People = [OfficeSupervisor, EarlyWeekSupervisor, LateWeekSupervisor, PoliceDirector, ConstructionDirector],
        Overrides = overrides,
    };

    public static DutyOverride Leave(string id, StaffMember who, LocalDate from, LocalDate to, StaffMember? substitute = null) =>
        new() { Id = id, StaffId = who.StaffId, From = from, To = to, SubstituteId = substitute?.StaffId };
}
