using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Grains.Zalo;

[GenerateSerializer, Alias("ZaloTokenState")]
public sealed class ZaloTokenState
{
    [Id(0)] public string? AccessToken { get; set; }
    [Id(1)] public string? RefreshToken { get; set; }
    /// <summary>Null while unknown (a configured token): it is used until Zalo says -216.</summary>
    [Id(2)] public Instant? ExpiresAt { get; set; }
    [Id(3)] public long Generation { get; set; }
    /// <summary>A fingerprint of the configured tokens the state started from: a different pair in the settings starts again.</summary>
    [Id(4)] public string? SeededFrom { get; set; }
    [Id(5)] public int Refreshes { get; set; }
    [Id(6)] public Instant? LastRefreshAt { get; set; }
    [Id(7)] public string? LastError { get; set; }
}

/// <summary>
/// Owns the OA's tokens for the whole cluster (see <see cref="IZaloTokenGrain"/>). Zalo's refresh token is single-use
/// and rotates on every refresh, so the new pair is stored before the new access token is handed out: a crash after
/// a refresh then loses nothing, and a write that fails (another activation wrote first) hands out nothing.
/// </summary>
public sealed class ZaloTokenGrain(
    [PersistentState("zalo-token", StorageNames.Incidents)] IPersistentState<ZaloTokenState> state,
    IZaloOAuthClient oauth,
    IOptions<ZaloOptions> options,
    IClock clock,
    ILogger<ZaloTokenGrain> logger) : Grain, IZaloTokenGrain, IRemindable
{
    // Keeps a quiet OA's refresh token alive: without sends, nothing else would refresh before it lapses.
    private const string KeepFresh = "keep-fresh";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Seed();
        if (state.State.RefreshToken is not null)
            await this.RegisterOrUpdateReminder(KeepFresh, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
    }

    public Task<ZaloAccessToken> Current() => Guarded(async () =>
    {
        var s = state.State;
        if (s.AccessToken is null || (s.ExpiresAt is { } expires && expires - clock.GetCurrentInstant() <= Duration.FromTimeSpan(options.Value.RefreshBefore)))
            await Refresh(s.AccessToken is null ? "no access token yet" : "the access token expires soon");
        return Token();
    });

    public Task<ZaloAccessToken> Expired(long generation) => Guarded(async () =>
    {
        var s = state.State;
        // Someone else's -216 already brought a newer token: retry with it, no second refresh.
        if (generation < s.Generation && s.AccessToken is not null) return Token();
        await Refresh("Zalo answered -216 (access token expired)");
        if (generation >= s.Generation)
        {
            // The refresh failed: the token Zalo refused is no use to anyone, so the next send tries again.
            s.AccessToken = null;
            return new ZaloAccessToken(null, s.Generation, s.ExpiresAt, "the access token expired and could not be refreshed: " + s.LastError);
        }
        return Token();
    });

    public Task<ZaloTokenView> Get()
    {
        var s = state.State;
        return Task.FromResult(new ZaloTokenView(s.AccessToken is not null, s.RefreshToken is not null, s.Generation, s.ExpiresAt, s.Refreshes, s.LastRefreshAt, s.LastError));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == KeepFresh ? Current() : Task.CompletedTask;

    private ZaloAccessToken Token()
    {
        var s = state.State;
        return s.AccessToken is null
            ? new ZaloAccessToken(null, s.Generation, s.ExpiresAt, s.LastError ?? "no Zalo:AccessToken or Zalo:RefreshToken is configured")
            : new ZaloAccessToken(s.AccessToken, s.Generation, s.ExpiresAt);
    }

    /// <summary>
    /// Takes the configured tokens when the state has none, or when the settings hold a pair other than the one it
    /// started from (an operator issued new ones); otherwise the stored, rotated tokens stand.
    /// </summary>
    private async Task Seed()
    {
        var settings = options.Value;
        if (!settings.HasToken) return;
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.AccessToken}\n{settings.RefreshToken}")));
        var s = state.State;
        if (s.SeededFrom == fingerprint) return;
        (s.AccessToken, s.RefreshToken, s.ExpiresAt, s.SeededFrom, s.LastError) =
            (NullIfEmpty(settings.AccessToken), NullIfEmpty(settings.RefreshToken), null, fingerprint, null);
        s.Generation++;
        await state.WriteStateAsync();
        logger.LogInformation("Zalo token owner {Owner} took the configured tokens (generation {Generation})", this.GetPrimaryKeyString(), s.Generation);
    }

    private async Task Refresh(string why)
    {
        var s = state.State;
        if (s.RefreshToken is null)
        {
            s.LastError = "no refresh token (Zalo:RefreshToken)";
            logger.LogWarning("Zalo access token cannot be refreshed ({Reason}): no refresh token", why);
            return;
        }
        ZaloTokenGrant grant;
        try
        {
            grant = await oauth.Refresh(s.RefreshToken);
        }
        catch (ZaloSendException e)
        {
            s.LastError = e.Message;
            logger.LogWarning("Zalo access token refresh failed ({Reason}): {Error}", why, e.Message);
            return;
        }
        var now = clock.GetCurrentInstant();
        (s.AccessToken, s.RefreshToken, s.ExpiresAt, s.LastRefreshAt, s.LastError) =
            (grant.AccessToken, grant.RefreshToken, now + Duration.FromSeconds(grant.ExpiresInSeconds), now, null);
        s.Generation++;
        s.Refreshes++;
        await state.WriteStateAsync();
        logger.LogInformation("Zalo access token refreshed ({Reason}): generation {Generation}, expires at {ExpiresAt}", why, s.Generation, s.ExpiresAt);
    }

    /// <summary>A write that failed leaves memory ahead of storage: start again from storage on the next call.</summary>
    private async Task<T> Guarded<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
