namespace BacGiang.Incidents.Domain;

public static class MergeTarget
{
    /// <summary>
    /// Why an incident may not be merged into <paramref name="into"/>, or null when it may: the target must exist and
    /// still take reports, or they would land where nobody works (or, in a merged one, be passed on to nobody).
    /// </summary>
    public static CommandResult? Refusal(string into, IncidentView? target) =>
        target is null ? CommandResult.Invalid("into", $"there is no incident {into}")
        : !target.Status.IsOpen() ? CommandResult.Invalid("into", $"incident {into} is {target.Status} and takes no more reports")
        : null;
}
