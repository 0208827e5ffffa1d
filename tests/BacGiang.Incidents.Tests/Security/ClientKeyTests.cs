using System.Net;
using BacGiang.Incidents.Api.Infrastructure;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>Whose bucket a request falls into (issue 13).</summary>
public sealed class ClientKeyTests
{
    [Fact]
    public void An_IPv6_client_is_its_64_bit_prefix_so_a_household_cannot_take_a_bucket_per_address()
    {
        var one = ClientKey.Address(IPAddress.Parse("2001:db8:1:2::1"), 64);
        Assert.Equal(one, ClientKey.Address(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff"), 64));
        Assert.NotEqual(one, ClientKey.Address(IPAddress.Parse("2001:db8:1:3::1"), 64));
        Assert.Equal("2001:db8:1:2::/64", one);
    }

    [Fact]
    public void An_IPv4_client_is_its_address_also_when_the_socket_is_dual_stack()
    {
        Assert.Equal("203.0.113.7", ClientKey.Address(IPAddress.Parse("203.0.113.7"), 64));
        Assert.Equal("203.0.113.7", ClientKey.Address(IPAddress.Parse("::ffff:203.0.113.7"), 64));
        Assert.NotEqual("203.0.113.7", ClientKey.Address(IPAddress.Parse("203.0.113.8"), 64));
    }

    [Fact]
    public void A_prefix_length_that_is_not_a_byte_boundary_masks_the_right_bits()
    {
        Assert.Equal(ClientKey.Address(IPAddress.Parse("2001:db8:1:2::"), 60), ClientKey.Address(IPAddress.Parse("2001:db8:1:f::1"), 60));
        Assert.NotEqual(ClientKey.Address(IPAddress.Parse("2001:db8:1:2::"), 60), ClientKey.Address(IPAddress.Parse("2001:db8:1:12::1"), 60));
    }
}
