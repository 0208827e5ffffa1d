namespace BacGiang.Incidents.People;

/// <summary>Someone who answers for a role at an instant, and why (their rota, or whom they stand in for).</summary>
public sealed record OnDuty(StaffMember Person, string Reason);
