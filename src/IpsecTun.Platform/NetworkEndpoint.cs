using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Platform;

/// <summary>An IP address and port (0 for raw IP sockets) as plain values (see <see cref="IpAddressBits"/>), so per-datagram code allocates nothing.</summary>
public readonly record struct NetworkEndpoint(byte Version, UInt128 Address, ushort Port)
{
    public static NetworkEndpoint From(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(IpAddressBits.VersionOf(endpoint.Address), IpAddressBits.FromIPAddress(endpoint.Address), (ushort)endpoint.Port);
    }

    public IPEndPoint ToIPEndPoint()
    {
        Span<byte> bytes = stackalloc byte[16];
        IpAddressBits.Write(Version, Address, bytes);
        return new IPEndPoint(new IPAddress(bytes[..(Version == 4 ? 4 : 16)]), Port);
    }

    public override string ToString() => ToIPEndPoint().ToString();
}
