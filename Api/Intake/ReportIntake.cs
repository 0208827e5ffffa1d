using System.Security.Cryptography;
using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Options;
using NodaTime;
using Serilog.Context;

namespace BacGiang.Incidents.Api.Intake;

public sealed record IntakeResult(FileOutcome Outcome, IncidentView? Incident);

/// <summary>The one path every channel files through: validated report in, durable incident out.</summary>
public interface IReportIntake
{
    Task<IntakeResult> File(ReportDetails report, Actor reporter, string? idempotencyKey, ReadOnlyMemory<byte> requestBody);
}

public sealed class ReportIntake(IClusterClient cluster, IOptions<IntakeOptions> options, ILogger<ReportIntake> logger) : IReportIntake
{
    // Codes are 39 bits: a collision is rare, five in a row would mean something else is wrong.
    private const int MaxAttempts = 5;

    public async Task<IntakeResult> File(ReportDetails report, Actor reporter, string? idempotencyKey, ReadOnlyMemory<byte> requestBody)
    {
        if (idempotencyKey is not null)
            report = report with
            {
                IdempotencyKey = idempotencyKey,
                RequestFingerprint = Convert.ToHexString(SHA256.HashData(requestBody.Span)).ToLowerInvariant(),
            };

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var code = idempotencyKey is null
                ? TrackingCode.NewRandom()
                : TrackingCode.Derive(options.Value.IdempotencySecret, idempotencyKey, attempt);
            var result = await cluster.GetGrain<IReportIntakeGrain>(0).File(report, reporter, code.Value);
            if (result.Outcome == FileOutcome.CodeTaken)
            {
                logger.LogWarning("Tracking code {TrackingCode} already taken; drawing another", code.Value);
                continue;
            }
            using (LogContext.PushProperty("IncidentId", code.Value))
                logger.LogInformation("Report via {Channel} with idempotency key {HasKey}: {Outcome} as incident {IncidentId}",
                    report.Channel, idempotencyKey is not null, result.Outcome, result.Incident?.Id ?? code.Value);
            return new IntakeResult(result.Outcome, result.Incident);
        }
        throw new InvalidOperationException($"No free tracking code after {MaxAttempts} attempts.");
    }
}
