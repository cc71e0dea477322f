using System.Net;

namespace IpsecTun.Core;

/// <summary>An IPv4 or IPv6 prefix (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) in integer form for matching packets.</summary>
public readonly record struct IpPrefix
{
    public IpPrefix(byte version, UInt128 address, int length)
    {
        if (version is not (4 or 6))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "IP version is 4 or 6.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, IpAddressBits.BitLength(version));
        Version = version;
        Length = length;
        Mask = IpAddressBits.Mask(version, length);
        Address = address & Mask;
    }

    public byte Version { get; }

    /// <summary>The network address, host bits cleared.</summary>
    public UInt128 Address { get; }

    public int Length { get; }

    public UInt128 Mask { get; }

    /// <summary>The prefix that covers every address of the family.</summary>
    public static IpPrefix Any(byte version) => new(version, UInt128.Zero, 0);

    public static IpPrefix FromNetwork(IPNetwork network) =>
        new(IpAddressBits.VersionOf(network.BaseAddress), IpAddressBits.FromIPAddress(network.BaseAddress), network.PrefixLength);

    /// <summary>The single-address prefix (/32 or /128).</summary>
    public static IpPrefix FromAddress(IPAddress address)
    {
        byte version = IpAddressBits.VersionOf(address);
        return new(version, IpAddressBits.FromIPAddress(address), IpAddressBits.BitLength(version));
    }

    /// <summary>Parses <c>10.1.0.0/16</c> or a bare address, which means that one address.</summary>
    public static IpPrefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('/', StringComparison.Ordinal)
            ? FromNetwork(IPNetwork.Parse(text))
            : FromAddress(IPAddress.Parse(text));
    }

    public bool Contains(byte version, UInt128 address) => version == Version && (address & Mask) == Address;

    /// <summary>True when every address of <paramref name="other"/> is in this prefix.</summary>
    public bool Contains(IpPrefix other) => other.Version == Version && other.Length >= Length && (other.Address & Mask) == Address;

    public IPNetwork ToNetwork() => new(IpAddressBits.ToIPAddress(Version, Address), Length);

    public override string ToString() => $"{IpAddressBits.ToIPAddress(Version, Address)}/{Length}";
}
