using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Api.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Keys the derivation of tracking codes from Idempotency-Keys. Must stay the same across restarts.</summary>
    [Required, MinLength(16)]
    public string IdempotencySecret { get; set; } = "";

    /// <summary>
    /// How long after the first try the intake still sends a report again (same tracking code, so the incident knows a
    /// repeat) when the cluster could not take it: a silo just died and the cluster has not yet declared it dead. After
    /// that the caller gets 503 with Retry-After. The try under way when it runs out is waited for in full.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long one try is waited for while the budget lasts before it is sent again: a call caught on the connection of
    /// a silo that just died would otherwise wait out the whole response timeout (Orleans:ResponseTimeoutSeconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
