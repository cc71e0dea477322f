using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Core;

/// <summary>
/// Addresses of both families as one <see cref="UInt128"/> (an IPv4 address in the low 32 bits) with the
/// IP version beside it, so that the per-packet code compares integers instead of <see cref="IPAddress"/> objects.
/// </summary>
public static class IpAddressBits
{
    public static int BitLength(byte version) => version == 4 ? 32 : 128;

    /// <summary>Reads a 4- or 16-byte address in network order.</summary>
    public static UInt128 Read(ReadOnlySpan<byte> address) =>
        address.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(address) : BinaryPrimitives.ReadUInt128BigEndian(address);

    /// <summary>Writes the address in network order: 4 bytes for version 4, else 16.</summary>
    public static void Write(byte version, UInt128 address, Span<byte> destination)
    {
        if (version == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)address);
        }
        else
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, address);
        }
    }

    public static byte VersionOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? (byte)4 : (byte)6;

    public static UInt128 FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException("Not an IPv4 or IPv6 address.", nameof(address));
        }

        return Read(bytes[..written]);
    }

    public static IPAddress ToIPAddress(byte version, UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        int length = version == 4 ? 4 : 16;
        Write(version, address, bytes);
        return new IPAddress(bytes[..length]);
    }

    /// <summary>The mask of a prefix of <paramref name="length"/> bits within the family's width.</summary>
    public static UInt128 Mask(byte version, int length)
    {
        int bits = BitLength(version);
        if (length <= 0)
        {
            return UInt128.Zero;
        }

        UInt128 all = version == 4 ? uint.MaxValue : UInt128.MaxValue;
        return (all << (bits - length)) & all;
    }
}
