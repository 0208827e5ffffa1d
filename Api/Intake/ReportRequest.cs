namespace BacGiang.Incidents.Api.Intake;

public sealed record ReporterRequest(string? Name, string? Phone);

/// <summary>The app's report form (DESIGN.md section 5). Everything is nullable so validation can name what is missing.</summary>
public sealed record ReportRequest(
    string? Category,
    string? Description,
    double? Lat,
    double? Lon,
    string? CommuneCode,
    string? Address,
    IReadOnlyList<string>? Photos,
    ReporterRequest? Reporter);
