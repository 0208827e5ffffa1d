using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the whole HTTP surface: for every operation of the OpenAPI document (and the few it leaves
/// out), FsCheck generates requests — random and boundary values for every parameter and body field, missing and
/// extra fields, wrong types, truncated and oversize bodies, wrong content types — sent anonymously, with a bad
/// token and with a token of each staff role. No answer may be a 5xx, and every error must be problem+json.
/// FUZZ_SEED replays a run (its seed is printed either way), FUZZ_REQUESTS changes how many requests a run sends
/// (default 12,000), FUZZ_KEEP_GOING=1 sends them all and lists every failure instead of stopping at the first batch that has one.
/// </summary>
public sealed class ApiFuzzTests(ApiFuzzFixture system, ITestOutputHelper output) : IClassFixture<ApiFuzzFixture>
{
    private const int BatchSize = 50;
    private const int Concurrency = 8;

    [Fact]
    public async Task No_input_gives_a_5xx_and_every_error_is_problem_json()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 12_000;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : (ulong)Random.Shared.NextInt64();
        var keepGoing = Environment.GetEnvironmentVariable("FUZZ_KEEP_GOING") == "1";

        var operations = FuzzOperations.From(system.Document);
        var generator = new FuzzRequests(system.Document, system.Seeds);
        var batches = Gen.ArrayOf(generator.Any(operations), BatchSize);
        var byStatus = new ConcurrentDictionary<string, int>();
        var byOperation = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<(string Operation, string Failure, string Request)>();
        var sent = 0;
        using var client = new FuzzClient(system.Http.BaseAddress!, system.Authorization);

        bool Batch(FuzzRequest[] batch)
        {
            var before = failures.Count;
            Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, _) =>
            {
                var result = await client.Send(request);
                Interlocked.Increment(ref sent);
                byStatus.AddOrUpdate(result.Status?.ToString(CultureInfo.InvariantCulture) ?? "none", 1, (_, c) => c + 1);
                byOperation.AddOrUpdate(request.Operation, 1, (_, c) => c + 1);
                if (result.Failure is not null) failures.Enqueue((request.Operation, result.Failure, request.Describe()));
            }).GetAwaiter().GetResult();
            return keepGoing || failures.Count == before;
        }

        var config = Config.QuickThrowOnFailure
            .WithMaxTest((total + BatchSize - 1) / BatchSize)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        var clock = Stopwatch.StartNew();
        Exception? falsified = null;
        // Off xunit's synchronisation context: each batch waits for its requests on a pool thread.
        await Task.Run(() =>
        {
            try
            {
                Check.One(config, Prop.ForAll(Arb.From(batches), Batch));
            }
            catch (Exception e)
            {
                falsified = e;
            }
        });
        clock.Stop();

        var serverErrors = byStatus.Where(p => p.Key.StartsWith('5')).Sum(p => p.Value);
        var summary = $"API fuzz: {sent} requests to {byOperation.Count(o => o.Key != "(stray)")} of {operations.Count} operations (plus stray paths) in {clock.Elapsed.TotalSeconds:0.0} s, " +
                      $"seed {seed}; 5xx: {serverErrors}; 429: {byStatus.GetValueOrDefault("429")}; failures: {failures.Count}; by status: " +
                      string.Join(", ", byStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        output.WriteLine(summary);
        Console.WriteLine(summary);
        output.WriteLine("Requests by operation: " + string.Join(", ", byOperation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));

        var missed = operations.Select(o => o.Id).Where(id => !byOperation.ContainsKey(id)).ToList();
        if (failures.IsEmpty && falsified is null)
        {
            Assert.True(sent >= total, $"Only {sent} of {total} requests were sent.");
            Assert.True(missed.Count == 0, $"Operations never tried: {string.Join(", ", missed)}");
            return;
        }
        // One example of each kind: the same answer (status and why) from the same operation.
        var kinds = failures.GroupBy(f => (f.Operation, Why: f.Failure.Split(':')[0]))
            .OrderByDescending(g => g.Count()).ToList();
        Assert.Fail($"""
            {summary}
            Replay with FUZZ_SEED={seed}{(keepGoing ? " FUZZ_KEEP_GOING=1" : "")}. {failures.Count} failing request(s) of {kinds.Count} kind(s), one of each:
            {string.Join("\n", kinds.Take(40).Select(k => $"[{k.Count()}×] {k.First().Failure}\n  request: {k.First().Request}"))}
            FsCheck: {falsified?.Message}
            What the API threw (from its log, which keeps the last 20,000 lines):
            {system.ApiExceptions()}
            """);
    }
}
