using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Sla;

/// <summary>The shipped calendars and a way to name local times in Bắc Giang.</summary>
public static class Calendars
{
    public static readonly SlaCatalog Catalog = ReferenceDataLoader.Load(Repo.DataDirectory).Sla;
    public static readonly OfficeHoursCalendar Office = (OfficeHoursCalendar)Catalog.Calendar("office-hours");
    public static readonly BusinessCalendar Always = Catalog.Calendar("24x7");

    public static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(ReferenceData.Zone).ToInstant();
}
