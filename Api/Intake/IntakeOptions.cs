using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Api.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Keys the derivation of tracking codes from Idempotency-Keys. Must stay the same across restarts.</summary>
    [Required, MinLength(16)]
    public string IdempotencySecret { get; set; } = "";
}
