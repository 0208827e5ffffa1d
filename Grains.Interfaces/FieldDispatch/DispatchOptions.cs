using NodaTime;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>How much time the position rules and the ranking tolerate. Defaults suit phones reporting every minute or so.</summary>
public sealed record DispatchOptions
{
    /// <summary>A phone's clock may run a little ahead; beyond this a position claims to come from the future.</summary>
    public Duration MaxFutureSkew { get; init; } = Duration.FromMinutes(2);
    /// <summary>Older reports are refused: a phone that was offline for hours replays a track nobody should act on.</summary>
    public Duration MaxAge { get; init; } = Duration.FromHours(1);
    /// <summary>A last position younger than this counts as where the crew is; older ones rank after fresh ones.</summary>
    public Duration FreshFor { get; init; } = Duration.FromMinutes(10);
    /// <summary>Each open job a crew holds counts as this much further away when ranking.</summary>
    public double MetresPerOpenJob { get; init; } = 2000;
}
