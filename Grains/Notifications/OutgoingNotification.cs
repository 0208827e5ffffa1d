using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Grains.Notifications;

/// <summary>One message to one person on one channel, as the outbox stores it until it is sent.</summary>
public sealed record OutgoingNotification
{
    public required string NotificationId { get; init; }
    public required string EscalationId { get; init; }
    public required string IncidentId { get; init; }
    public required string Kind { get; init; }
    public required int Round { get; init; }
    public required int Level { get; init; }
    public required int Repeat { get; init; }
    public required Priority Priority { get; init; }
    public required string Category { get; init; }
    public string? Commune { get; init; }
    public string? Agency { get; init; }
    public required string StaffId { get; init; }
    public required string StaffName { get; init; }
    public required string Unit { get; init; }
    public required string Target { get; init; }
    public required string Reason { get; init; }
    public required string Channel { get; init; }
    /// <summary>Zalo user id, phone or e-mail address; null for the console.</summary>
    public string? Address { get; init; }
    public required string Body { get; init; }
    public required Instant FiredAt { get; init; }
    public required Instant NotBefore { get; init; }
    /// <summary>The secret in the SMS's acknowledgement link; SMS only.</summary>
    public string? AckToken { get; init; }
    /// <summary>Set when the level was already acknowledged before this was queued: stored for the audit, never sent.</summary>
    public Instant? AcknowledgedAt { get; init; }
}

/// <summary>A ladder target nobody held when the step fired, kept for supervisors.</summary>
public sealed record EscalationGapRecord
{
    public required string EscalationId { get; init; }
    public required string IncidentId { get; init; }
    public required string Target { get; init; }
    public string? Unit { get; init; }
    public required string Reason { get; init; }
    public required string FellBackTo { get; init; }
    public required Instant FiredAt { get; init; }
    public string? Commune { get; init; }
    public string? Agency { get; init; }
}
