using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Platform;

/// <summary>Checks on an address and prefix length shared by every configurator.</summary>
internal static class IpPrefix
{
    public static int FullLength(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => 32,
        AddressFamily.InterNetworkV6 => 128,
        _ => throw new ArgumentException("Only IPv4 and IPv6 addresses are configured.", nameof(address)),
    };

    public static void Validate(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, FullLength(address));
    }

    public static bool IsNetworkAddress(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        for (int bit = prefixLength; bit < length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
