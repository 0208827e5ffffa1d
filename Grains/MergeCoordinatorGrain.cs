using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// Neither reentrant nor a stateless worker, on purpose: one activation, one merge at a time (see
/// <see cref="IMergeCoordinatorGrain"/>). It only calls incident grains, which never call it, so it cannot deadlock.
/// </summary>
public sealed class MergeCoordinatorGrain : Grain, IMergeCoordinatorGrain
{
    public async Task<CommandResult> Merge(string source, Merge command, Actor actor)
    {
        var target = await GrainFactory.GetGrain<IIncidentGrain>(command.Into).Get();
        if (MergeTarget.Refusal(command.Into, target) is { } refused) return refused;
        return await GrainFactory.GetGrain<IIncidentGrain>(source).Execute(command, actor);
    }
}
