namespace BacGiang.Incidents.Domain;

[GenerateSerializer]
public enum CommandResultKind
{
    Done,
    /// <summary>The command id was seen before; nothing changed and the first result stands.</summary>
    Replayed,
    NotFound,
    Forbidden,
    /// <summary>Not allowed in the current status (HTTP 409).</summary>
    Conflict,
    /// <summary>A field is missing or wrong (HTTP 400).</summary>
    Invalid,
}

/// <summary>The answer to a command: failures are values, not exceptions, so they cross the grain boundary cheaply.</summary>
[GenerateSerializer, Immutable, Alias("CommandResult")]
public sealed record CommandResult
{
    [Id(0)] public required CommandResultKind Kind { get; init; }
    [Id(1)] public string? Message { get; init; }
    [Id(2)] public string? Field { get; init; }
    [Id(3)] public IncidentStatus? CurrentStatus { get; init; }
    [Id(4)] public IReadOnlyList<IncidentAction> AllowedActions { get; init; } = [];
    /// <summary>The seq of the event the command produced (or produced the first time, when replayed).</summary>
    [Id(5)] public long? Seq { get; init; }

    public bool Succeeded => Kind is CommandResultKind.Done or CommandResultKind.Replayed;

    public static CommandResult Done(long seq) => new() { Kind = CommandResultKind.Done, Seq = seq };
    public static CommandResult Replayed(long seq) => new() { Kind = CommandResultKind.Replayed, Seq = seq };
    public static CommandResult NotFound(string message) => new() { Kind = CommandResultKind.NotFound, Message = message };
    public static CommandResult Forbidden(string message) => new() { Kind = CommandResultKind.Forbidden, Message = message };
    public static CommandResult Invalid(string field, string message) => new() { Kind = CommandResultKind.Invalid, Field = field, Message = message };
}
