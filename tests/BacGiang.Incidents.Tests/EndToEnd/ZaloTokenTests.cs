using System.Net;
using BacGiang.Incidents.Tests.Support;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>The system with a second silo: the OA token's owner is one grain for the cluster, whichever silo sends.</summary>
public sealed class TwoSiloZaloFixture : SystemFixture
{
    protected override string ServiceId => "zalo-two-silos";

    public int SecondSiloPort { get; } = FreePort.Next();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var second = SiloEnvironment();
        second["Silo__SiloPort"] = SecondSiloPort.ToString();
        second["Silo__GatewayPort"] = FreePort.Next().ToString();
        Start("silo-2", SiloDll, second);
        await Eventually.True(async () => (await Http.GetStringAsync("/health/ready")).Contains("2 active silo"), "two active silos");
    }
}

/// <summary>
/// Zalo's access token expires in the middle of a burst of replies sent from two silos: every reply arrives once, and
/// the token endpoint sees one refresh (two would burn the single-use refresh token: the fake refuses a spent one).
/// </summary>
public sealed class ZaloTokenTests(TwoSiloZaloFixture system, ITestOutputHelper log) : IClassFixture<TwoSiloZaloFixture>
{
    private const int Burst = 200;

    [Fact]
    public async Task The_token_expires_mid_burst_of_200_replies_from_two_silos_every_reply_arrives_once_after_one_refresh()
    {
        var oa = system.ZaloOa;
        var run = Guid.NewGuid().ToString("N")[..6];
        using var supervisor = await system.ClientFor("Supervisor");
        await using var cluster = await ClusterClientHost.ConnectAsync(system.ConnectionString, system.ClusterId, system.OrleansServiceId);
        // Both silos must send when the token expires. Orleans places new grains by load (its default since 9.2), which
        // once put a whole burst on one silo, so the conversations are opened first (through the API, as the burst's
        // would be) until half of the burst's users have theirs on each silo.
        var bySilo = new Dictionary<int, List<string>>();
        for (var i = 0; bySilo.Count < 2 || bySilo.Values.Any(l => l.Count < Burst / 2); i++)
        {
            Assert.True(i < 50 * Burst, $"after {i} conversations opened, fewer than {Burst / 2} on one of the silos: {string.Join(", ", bySilo.Select(p => $"{p.Key}: {p.Value.Count}"))}");
            var user = $"77{run.GetHashCode() & 0xFFFF:D5}{i:D6}";
            Assert.Equal(HttpStatusCode.OK, (await Api.Get(supervisor, $"/api/zalo/conversations/{user}")).Response.StatusCode);
            var port = await cluster.SiloPortOf(cluster.Client.GetGrain<IZaloConversationGrain>(user)) ?? throw new InvalidOperationException($"{user} has no activation");
            (bySilo.TryGetValue(port, out var list) ? list : bySilo[port] = []).Add(user);
        }
        // Alternating, so each silo has sends on both sides of the expiry.
        var halves = bySilo.Values.Select(l => l.Take(Burst / 2).ToList()).ToList();
        var users = Enumerable.Range(0, Burst / 2).SelectMany(i => new[] { halves[0][i], halves[1][i] }).ToList();
        // Half-way through the burst the token Zalo accepts changes under the senders' feet.
        oa.ExpireTokenAfter(Burst / 2);

        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, _) =>
        {
            using var response = await system.Http.SendAsync(ZaloEvents.Signed(user, "user_send_text",
                new { text = "Đèn đường hỏng, tối om cả đoạn đường", msg_id = "burst-" + user }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        await Eventually.True(() => Task.FromResult(users.All(u => oa.To(u).Count >= 1)), $"a reply to each of {Burst} users", timeoutSeconds: 180);

        // Where the conversations ran: still on both silos, so both met the expired token.
        var silos = new HashSet<int?>();
        foreach (var user in users.Take(40))
            silos.Add(await cluster.SiloPortOf(cluster.Client.GetGrain<IZaloConversationGrain>(user)));

        foreach (var user in users)
        {
            var messages = (await Api.Get(supervisor, $"/api/zalo/conversations/{user}")).Body.GetProperty("messages");
            var message = Assert.Single(messages.EnumerateArray());
            Assert.Equal("sent", message.GetProperty("state").GetString());
        }
        var delivered = users.Sum(u => oa.To(u).Count);
        log.WriteLine($"{delivered} replies delivered to {Burst} users from silos {string.Join(", ", silos)}; " +
                      $"-216 answers {oa.ExpiredAnswers}, refreshes {oa.Refreshes}, refused refreshes {oa.RefusedRefreshes}");
        Console.WriteLine($"[zalo-token] {delivered}/{Burst} replies, {oa.ExpiredAnswers} -216 answers, {oa.Refreshes} refresh(es), {oa.RefusedRefreshes} refused, silos {silos.Count}");
        Assert.All(users, u => Assert.Single(oa.To(u)));
        Assert.True(oa.ExpiredAnswers > 0, "no send met the expired token; the test would prove nothing");
        Assert.Equal(2, silos.Count);
        Assert.Equal(1, oa.Refreshes);
        Assert.Equal(0, oa.RefusedRefreshes);
        // The later replies went with the refreshed token.
        Assert.Contains(oa.Messages, m => m.AccessToken != FakeZaloOa.FirstAccessToken);
    }
}
