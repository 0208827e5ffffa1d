using BacGiang.Incidents.Grains;
using Microsoft.Extensions.Logging.Abstractions;

namespace BacGiang.Incidents.Tests.Live;

/// <summary>A silo's copy of the followed communes, fed by pushes and renewals that may cross on the way.</summary>
public class LiveFollowersTests
{
    private static readonly Guid First = Guid.NewGuid();

    private static LiveFollowers Silo() => new(null!, NullLogger<LiveFollowers>.Instance);

    [Fact]
    public async Task A_renewal_answer_older_than_a_push_does_not_drop_the_just_followed_commune()
    {
        var silo = Silo();
        var renewalAnswer = new FollowedCommunes(First, 7, ["07615"]);
        var push = new FollowedCommunes(First, 8, ["07615", "07627"]);

        await silo.Followed(push);
        await silo.Followed(renewalAnswer);

        Assert.True(silo.IsFollowed("07627"));
        Assert.True(silo.IsFollowed("07615"));
    }

    [Fact]
    public async Task A_newer_set_removes_communes_no_longer_followed()
    {
        var silo = Silo();
        await silo.Followed(new FollowedCommunes(First, 1, ["07615", "07627"]));
        await silo.Followed(new FollowedCommunes(First, 2, ["07627"]));

        Assert.False(silo.IsFollowed("07615"));
        Assert.True(silo.IsFollowed("07627"));
    }

    [Fact]
    public async Task A_restarted_followers_grain_is_believed_though_it_counts_from_one_again()
    {
        var silo = Silo();
        await silo.Followed(new FollowedCommunes(First, 40, ["07615"]));
        await silo.Followed(new FollowedCommunes(Guid.NewGuid(), 1, ["07627"]));

        Assert.True(silo.IsFollowed("07627"));
        Assert.False(silo.IsFollowed("07615"));
    }
}
