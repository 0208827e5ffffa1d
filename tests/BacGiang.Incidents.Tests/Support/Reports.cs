using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Tests.Support;

public static class Reports
{
    public const string DaiSon = "07627";
    public const string SonDong = "07615";

    public static ReportDetails Garbage(string? commune = DaiSon) => new()
    {
        Category = "garbage_dumping",
        Description = "Rác đổ trộm cạnh kênh",
        CommuneCode = commune,
        Channel = "app",
    };
}
