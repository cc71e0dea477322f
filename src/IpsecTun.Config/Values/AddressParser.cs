using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Config.Values;

/// <summary>IP addresses, prefixes and ranges as RouterOS writes them.</summary>
internal static class AddressParser
{
    public static IPAddress ParseAddress(string text)
    {
        RejectNegation(text);
        if (!IPAddress.TryParse(text.Trim(), out var address) || text.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidValueException($"\"{text}\" is not an IPv4 or IPv6 address");
        }

        return address;
    }

    /// <summary>
    /// A prefix such as <c>10.1.0.0/24</c>; an address alone is a host prefix (/32 or /128). Bits set
    /// after the prefix are an error rather than silently cleared, since they usually mean a typo.
    /// </summary>
    public static IPNetwork ParsePrefix(string text)
    {
        RejectNegation(text);
        var s = text.Trim();
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? s : s[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            throw new InvalidValueException($"\"{text}\" is not an IP prefix such as 10.1.0.0/24 or 2001:db8::/32");
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = bits;
        if (slash >= 0 && (!int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bits))
        {
            throw new InvalidValueException($"\"{text}\" has a prefix length that is not 0 to {bits}");
        }

        var network = Masked(address, length);
        if (!network.Equals(address))
        {
            throw new InvalidValueException($"\"{text}\" has host bits set; the prefix is {network}/{length}");
        }

        return new IPNetwork(network, length);
    }

    /// <summary>A pool range: <c>a-b</c>, a single address, or a prefix.</summary>
    public static AddressRange ParseRange(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            var first = ParseAddress(text[..dash]);
            var last = ParseAddress(text[(dash + 1)..]);
            if (first.AddressFamily != last.AddressFamily || Compare(first, last) > 0)
            {
                throw new InvalidValueException($"\"{text}\" is not a range: the first address must not be above the last, both of one family");
            }

            return new AddressRange(first, last);
        }

        var prefix = ParsePrefix(text);
        return new AddressRange(prefix.BaseAddress, LastAddress(prefix));
    }

    public static IPAddress LastAddress(IPNetwork prefix)
    {
        var bytes = prefix.BaseAddress.GetAddressBytes();
        for (var i = prefix.PrefixLength; i < bytes.Length * 8; i++)
        {
            bytes[i / 8] |= (byte)(0x80 >> (i % 8));
        }

        return new IPAddress(bytes);
    }

    private static int Compare(IPAddress a, IPAddress b) =>
        a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());

    private static IPAddress Masked(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = length; i < bytes.Length * 8; i++)
        {
            bytes[i / 8] &= (byte)~(0x80 >> (i % 8));
        }

        return new IPAddress(bytes);
    }

    // RouterOS's "!" negates a firewall matcher; IPsec menus take plain addresses.
    private static void RejectNegation(string text)
    {
        if (text.TrimStart().StartsWith('!'))
        {
            throw new InvalidValueException(
                $"\"{text}\": negation with ! exists only for firewall matchers; this property takes a plain address or prefix");
        }
    }
}
