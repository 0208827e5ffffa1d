using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>The hot paths' references (made from a grain id, the grain type worked out once) name the grains GetGrain does.</summary>
[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reference_made_from_its_grain_id_is_the_one_GetGrain_makes_and_reaches_the_same_grain()
    {
        var references = new GrainReferences(fixture.Grains);
        var code = TrackingCode.NewRandom().Value;

        var made = references.Get<IIncidentGrain>(code);
        var asked = fixture.Grains.GetGrain<IIncidentGrain>(code);
        Assert.Equal(asked, made);
        Assert.Equal(asked.GetGrainId(), made.GetGrainId());
        Assert.Equal(fixture.Grains.GetGrain<ICommuneGrain>(Reports.DaiSon), references.Get<ICommuneGrain>(Reports.DaiSon));
        Assert.Equal(fixture.Grains.GetGrain<IAgencyGrain>("urenco"), references.Get<IAgencyGrain>("urenco"));
        // Each interface keeps its own grain type, also when two share a base interface.
        Assert.NotEqual(references.Get<ICommuneGrain>("x").GetGrainId().Type, references.Get<IAgencyGrain>("x").GetGrainId().Type);

        var filed = await made.File(Reports.Garbage(), Actor.Citizen("app"));
        Assert.Equal(FileOutcome.Created, filed.Outcome);
        Assert.Equal(code, (await asked.Get())!.Id);
        Assert.Throws<ArgumentException>(() => references.Get<IIncidentGrain>(" "));
    }
}
