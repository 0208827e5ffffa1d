using NodaTime;

namespace BacGiang.Incidents;

/// <summary>
/// The OA access token as a sender may use it, or why there is none (<see cref="Problem"/>). <see cref="Generation"/>
/// counts the tokens the owner has held, so a sender that saw this one expire can say which one it was, and a second
/// report of the same expiry refreshes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("ZaloAccessToken")]
public sealed record ZaloAccessToken(
    [property: Id(0)] string? Value,
    [property: Id(1)] long Generation,
    [property: Id(2)] Instant? ExpiresAt,
    [property: Id(3)] string? Problem = null);

/// <summary>What the token owner shows staff: never the tokens themselves.</summary>
[GenerateSerializer, Immutable, Alias("ZaloTokenView")]
public sealed record ZaloTokenView(
    [property: Id(0)] bool HasAccessToken,
    [property: Id(1)] bool HasRefreshToken,
    [property: Id(2)] long Generation,
    [property: Id(3)] Instant? ExpiresAt,
    [property: Id(4)] int Refreshes,
    [property: Id(5)] Instant? LastRefreshAt,
    [property: Id(6)] string? LastError);

/// <summary>
/// The one owner of the OA's tokens in the cluster (key: the Zalo app id). One activation serves every silo and
/// handles one call at a time, so two silos never refresh at once and burn the single-use refresh token.
/// </summary>
[Alias("IZaloTokenGrain")]
public interface IZaloTokenGrain : IGrainWithStringKey
{
    /// <summary>The token to send with, refreshed first when it is about to expire.</summary>
    [Alias("Current")]
    Task<ZaloAccessToken> Current();

    /// <summary>
    /// Zalo answered -216 (token expired) to the token of <paramref name="generation"/>: refreshes, unless a newer
    /// token was already got, and returns the token to retry with.
    /// </summary>
    [Alias("Expired")]
    Task<ZaloAccessToken> Expired(long generation);

    [Alias("Get")]
    Task<ZaloTokenView> Get();
}
