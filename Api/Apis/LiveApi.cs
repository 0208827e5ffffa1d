using System.Text.Json;
using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.ReadModel;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using BacGiang.Incidents.Api.Live;

namespace BacGiang.Incidents.Api.Apis;

public sealed record NamedCode(string Code, string Name);

public sealed record ConsoleReference(IReadOnlyList<NamedCode> Communes, IReadOnlyList<NamedCode> Agencies, IReadOnlyList<NamedCode> Categories);

/// <summary>What the web console needs beyond the lists: live updates of a commune as server-sent events, and names.</summary>
public static class LiveApi
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live/communes/{code}", FollowCommune).WithTags("Lists").RequireAuthorization(AuthSetup.StaffPolicy).WithName("FollowCommune")
            .WithSummary("Server-sent events: one 'incident' event with the incident's summary each time an incident of the commune changes.");
        app.MapGet("/api/live/agencies/{code}", FollowAgency).WithTags("Lists").RequireAuthorization(AuthSetup.StaffPolicy).WithName("FollowAgency")
            .WithSummary("Server-sent events: 'incident' with the summary each time an incident in the agency's queue changes, 'crew' with the crew each time one of its crews changes status or position.");
        app.MapGet("/api/reference", (ReferenceData reference, IOptions<RoutingOptions> routing, IClock clock) =>
        {
            var today = ReferenceData.DateOf(clock.GetCurrentInstant());
            return new ConsoleReference(
                reference.CommunesInForce(today).Where(u => routing.Value.Serves(u.Code)).OrderBy(u => u.Code).Select(u => new NamedCode(u.Code, u.Name)).ToList(),
                reference.Agencies.Values.OrderBy(a => a.Code).Select(a => new NamedCode(a.Code, a.NameVi)).ToList(),
                reference.Categories.Values.OrderBy(c => c.Code).Select(c => new NamedCode(c.Code, c.NameVi)).ToList());
        }).WithTags("Lists").AllowAnonymous().WithName("GetReference").RequireRateLimiting(RateLimits.PublicRead);
        return app;
    }

    private static async Task FollowCommune(string code, HttpContext http, IClusterClient cluster, UnitFeeds feeds, IOptions<JsonOptions> json,
        ReferenceData reference, IClock clock)
    {
        var actor = http.User.ToActor();
        if (actor is null || !Scope.MayFollowCommune(actor, code))
        {
            await Problems.Forbidden($"This inbox belongs to commune {code}.").ExecuteAsync(http);
            return;
        }
        // Only a commune has a feed: any other text would open a stream (and a subscription kept alive) of its own.
        if (reference.UnitInForce(code, ReferenceData.DateOf(clock.GetCurrentInstant())) is not { Level: UnitLevel.Commune })
        {
            await Problems.NotFound($"No commune {code}.").ExecuteAsync(http);
            return;
        }
        await Stream(http, cluster.GetGrain<ICommuneGrain>(code), await feeds.Listen(LiveStreams.Communes, code), json, clock);
    }

    private static async Task FollowAgency(string code, HttpContext http, IClusterClient cluster, UnitFeeds feeds, IOptions<JsonOptions> json,
        ReferenceData reference, IClock clock)
    {
        var actor = http.User.ToActor();
        if (actor is null || !Scope.MayFollowAgency(actor, code))
        {
            await Problems.Forbidden($"This queue belongs to agency {code}.").ExecuteAsync(http);
            return;
        }
        if (!reference.Agencies.ContainsKey(code))
        {
            await Problems.NotFound($"No agency {code}.").ExecuteAsync(http);
            return;
        }
        await Stream(http, cluster.GetGrain<IAgencyGrain>(code), await feeds.Listen(LiveStreams.Agencies, code), json, clock);
    }

    /// <summary>Server-sent events from a unit's feed until the console leaves or its token expires.</summary>
    private static async Task Stream(HttpContext http, IFollowedUnitGrain hub, UnitFeed.Listener feed, IOptions<JsonOptions> json, IClock clock)
    {
        using var listener = feed;
        // The token was checked once, when the stream opened: the stream ends when the token does, and the console
        // comes back with a fresh one (an `expired` event tells it why).
        if (!long.TryParse(http.User.FindFirst("exp")?.Value, out var expiresAt))
        {
            await Problems.Forbidden("The token has no expiry.").ExecuteAsync(http);
            return;
        }
        using var tokenLife = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var left = Instant.FromUnixTimeSeconds(expiresAt) - clock.GetCurrentInstant();
        tokenLife.CancelAfter(left > Duration.Zero ? left.ToTimeSpan() : TimeSpan.Zero);
        var ct = tokenLife.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        var writes = new SemaphoreSlim(1, 1);

        async Task Send(string text)
        {
            await writes.WaitAsync(ct);
            try
            {
                await http.Response.WriteAsync(text, ct);
                await http.Response.Body.FlushAsync(ct);
            }
            finally
            {
                writes.Release();
            }
        }

        try
        {
            // The unit publishes its changes only while someone follows it.
            await hub.Follow();
            await Send(": following\n\n");
            await Task.WhenAll(Forward(), KeepFollowing());
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            await writes.WaitAsync(http.RequestAborted);
            await http.Response.WriteAsync("event: expired\ndata: {}\n\n", http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The console went away.
        }

        async Task Forward()
        {
            await foreach (var update in listener.Updates.ReadAllAsync(ct))
            {
                if (update.Incident is { } summary)
                    await Send($"event: incident\ndata: {JsonSerializer.Serialize(summary, json.Value.SerializerOptions)}\n\n");
                else if (update.Crew is { } crew)
                    await Send($"event: crew\ndata: {JsonSerializer.Serialize(crew, json.Value.SerializerOptions)}\n\n");
            }
        }

        async Task KeepFollowing()
        {
            using var timer = new PeriodicTimer(KeepAlive);
            while (await timer.WaitForNextTickAsync(ct))
            {
                await hub.Follow();
                await Send(": keep-alive\n\n");
            }
        }
    }
}
