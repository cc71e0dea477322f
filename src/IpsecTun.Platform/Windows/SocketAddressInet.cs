using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// SOCKADDR_INET (ws2ipdef.h), 28 bytes: the union of SOCKADDR_IN and SOCKADDR_IN6, told apart by the family
/// in the first two bytes. SOCKADDR_IN puts its address at offset 4 (where SOCKADDR_IN6 has its flow label)
/// followed by 8 zero bytes; SOCKADDR_IN6 has its address at 8 and its scope id at 24. Ports and
/// addresses are in network byte order.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SocketAddressInet
{
    public const ushort FamilyInet = 2;
    public const ushort FamilyInet6 = 23;

    public ushort Family;
    public ushort Port;
    public uint Ipv4AddressOrFlowInfo;
    public fixed byte Ipv6Address[16];
    public uint ScopeId;

    /// <summary>AF_INET (2) or AF_INET6 (23, the Windows value) for an address family.</summary>
    public static ushort FamilyOf(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => FamilyInet,
        AddressFamily.InterNetworkV6 => FamilyInet6,
        _ => throw new ArgumentException("Only IPv4 and IPv6 addresses are configured.", nameof(family)),
    };

    public static SocketAddressInet From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var result = new SocketAddressInet { Family = FamilyOf(address.AddressFamily) };
        if (result.Family == FamilyInet)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            // Kept in network order: the bytes land in memory as they are on the wire.
            result.Ipv4AddressOrFlowInfo = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            if (!BitConverter.IsLittleEndian)
            {
                result.Ipv4AddressOrFlowInfo = BinaryPrimitives.ReverseEndianness(result.Ipv4AddressOrFlowInfo);
            }
        }
        else
        {
            address.TryWriteBytes(new Span<byte>(result.Ipv6Address, 16), out _);
            result.ScopeId = (uint)address.ScopeId;
        }

        return result;
    }

    /// <summary>The unspecified address (0.0.0.0 or ::) of a family, which Windows reads as "no gateway".</summary>
    public static SocketAddressInet Unspecified(AddressFamily family) => new() { Family = FamilyOf(family) };

    /// <summary>The address, or null for a family other than IPv4 and IPv6.</summary>
    public readonly IPAddress? ToIPAddress()
    {
        switch (Family)
        {
            case FamilyInet:
                Span<byte> bytes = stackalloc byte[4];
                uint value = BitConverter.IsLittleEndian ? Ipv4AddressOrFlowInfo : BinaryPrimitives.ReverseEndianness(Ipv4AddressOrFlowInfo);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
                return new IPAddress(bytes);
            case FamilyInet6:
                fixed (byte* address = Ipv6Address)
                {
                    return new IPAddress(new ReadOnlySpan<byte>(address, 16), ScopeId);
                }

            default:
                return null;
        }
    }

    public readonly bool IsUnspecified => ToIPAddress() is { } address
        && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
}
