using System.Net;
using System.Net.Sockets;
using BacGiang.Incidents.Api.Auth;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>Who a request counts against for rate limits: a signed-in person by subject, anyone else by address.</summary>
public static class ClientKey
{
    public static string Of(HttpContext http, int ipv6PrefixLength) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(ClaimNames.Subject)?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : Address(http.Connection.RemoteIpAddress, ipv6PrefixLength);

    /// <summary>
    /// An IPv4 address as it is; an IPv6 address by its first <paramref name="ipv6PrefixLength"/> bits, since one
    /// subscriber is handed a whole /64 and could otherwise take a fresh bucket per request.
    /// </summary>
    public static string Address(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < 128; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
