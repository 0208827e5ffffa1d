using System.Diagnostics;
using System.Security.Cryptography;
using BacGiang.Incidents.Api.Infrastructure;
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
    // Made once: Orleans works out the grain type of an interface again on every GetGrain (see GrainReferences).
    private IReportIntakeGrain? intake;

    // Codes are 39 bits: a collision is rare, five in a row would mean something else is wrong.
    private const int MaxAttempts = 5;
    /// <summary>Marks the key the intake gives a report that came without one; never a client's (theirs is used as sent).</summary>
    public const string InternalKeyPrefix = "intake:";
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    public async Task<IntakeResult> File(ReportDetails report, Actor reporter, string? idempotencyKey, ReadOnlyMemory<byte> requestBody)
    {
        // Every report carries a key, so that sending it again after a silo failed lands on the same tracking code and
        // the incident answers AlreadyFiled instead of a second incident being made. One without a client's key gets a
        // random one of its own, good for this request only.
        var key = idempotencyKey ?? InternalKeyPrefix + Guid.NewGuid().ToString("N");
        report = report with
        {
            IdempotencyKey = key,
            RequestFingerprint = Convert.ToHexString(SHA256.HashData(requestBody.Span)).ToLowerInvariant(),
        };

        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var code = TrackingCode.Derive(options.Value.IdempotencySecret, key, attempt);
            var (result, sentAgain) = await FileOnce(report, reporter, code.Value, started);
            if (result.Outcome == FileOutcome.CodeTaken)
            {
                logger.LogWarning("Tracking code {TrackingCode} already taken; drawing another", code.Value);
                continue;
            }
            // A repeat sent by this request finding its own first try: the caller sees what the first try did.
            if (sentAgain && result.Outcome == FileOutcome.AlreadyFiled)
                result = result with { Outcome = result.Incident?.Id == code.Value ? FileOutcome.Created : FileOutcome.Attached };
            using (LogContext.PushProperty("IncidentId", code.Value))
                logger.LogInformation("Report via {Channel} with idempotency key {HasKey}: {Outcome} as incident {IncidentId}",
                    report.Channel, idempotencyKey is not null, result.Outcome, result.Incident?.Id ?? code.Value);
            return new IntakeResult(result.Outcome, result.Incident);
        }
        throw new InvalidOperationException($"No free tracking code after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// Files under one tracking code, sending it again while the retry budget lasts if the cluster could not take it or
    /// did not answer within the attempt timeout. The try under way when the budget runs out is waited for in full
    /// (up to Orleans' response timeout), so a cluster that is merely slow still answers as before.
    /// </summary>
    private async Task<(FileResult Result, bool SentAgain)> FileOnce(ReportDetails report, Actor reporter, string code, long started)
    {
        var grain = intake ??= cluster.GetGrain<IReportIntakeGrain>(0);
        for (var tries = 1; ; tries++)
        {
            var retriesLeft = Stopwatch.GetElapsedTime(started) < options.Value.RetryBudget;
            var call = grain.File(report, reporter, code);
            try
            {
                return (retriesLeft ? await call.WaitAsync(options.Value.AttemptTimeout) : await call, tries > 1);
            }
            catch (Exception e) when (retriesLeft && ExceptionProblems.ClusterUnavailable(e))
            {
                // An abandoned try may still finish; its answer is not needed (the next one finds what it did).
                _ = call.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                logger.LogWarning("Report {TrackingCode}: try {Try} failed after {Elapsed:F1} s ({Reason}); sending it again",
                    code, tries, Stopwatch.GetElapsedTime(started).TotalSeconds, e.GetType().Name);
                await Task.Delay(RetryPause);
            }
        }
    }
}
