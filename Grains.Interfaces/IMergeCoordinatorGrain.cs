using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;

namespace BacGiang.Incidents;

/// <summary>
/// Every merge of one incident into another, one at a time (key 0).
/// <para>
/// Why: a merge checks that its target is open, then ends its source as Merged. Two supervisors merging A into B
/// and B into A at the same moment each passed the check before the other's source ended, and both incidents ended
/// Merged, each sending its reports to the other and nobody working either; three or more in a ring likewise.
/// Taken one at a time, each merge's check sees every merge before it complete: the second of A→B and B→A finds
/// its target Merged and is refused, and the last merge that would close any ring finds its target merged.
/// </para>
/// <para>
/// Chosen over the targets reserving themselves (the target records "incoming from A" and refuses to be merged
/// out meanwhile): as sound, but that needs reservations kept in every incident grain, released by the caller, and
/// left behind when the caller dies between the steps. Supervisors merge a few incidents a day across the
/// province, so one queue costs nothing, and it keeps the incident grain as it is. Every merge must come through
/// here: the API sends it here and nowhere else.
/// </para>
/// </summary>
[Alias("IMergeCoordinatorGrain")]
public interface IMergeCoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>Merges <paramref name="source"/> into <c>command.Into</c> if the target still takes reports; the source decides the rest (scope, status, role).</summary>
    [Alias("Merge")]
    Task<CommandResult> Merge(string source, Merge command, Actor actor);
}
