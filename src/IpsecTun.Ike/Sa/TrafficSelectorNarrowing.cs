using System.Net;
using System.Net.Sockets;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Traffic selector narrowing (RFC 7296 §2.9): the responder keeps the parts of the offered selectors
/// that its own policy allows, i.e. the pairwise intersections of address ranges, ports and protocol.
/// </summary>
internal static class TrafficSelectorNarrowing
{
    public static List<TrafficSelector> Narrow(IReadOnlyList<TrafficSelector> offered, IReadOnlyList<TrafficSelector> allowed)
    {
        var result = new List<TrafficSelector>();
        foreach (TrafficSelector a in offered)
        {
            foreach (TrafficSelector b in allowed)
            {
                if (TryIntersect(a, b, out TrafficSelector? both) && !result.Any(r => Same(r, both)))
                {
                    result.Add(both);
                }
            }
        }

        return result;
    }

    /// <summary>True when every selector of <paramref name="narrowed"/> lies inside one of <paramref name="offered"/>.</summary>
    public static bool IsSubset(IReadOnlyList<TrafficSelector> narrowed, IReadOnlyList<TrafficSelector> offered) =>
        narrowed.All(n => offered.Any(o => TryIntersect(n, o, out TrafficSelector? both) && Same(both, n)));

    private static bool TryIntersect(TrafficSelector a, TrafficSelector b, [NotNullWhen(true)] out TrafficSelector? both)
    {
        both = null;
        if (!a.IsAddressRange || a.Type != b.Type || (a.Protocol != 0 && b.Protocol != 0 && a.Protocol != b.Protocol))
        {
            return false;
        }

        UInt128 start = Max(ToNumber(a.StartAddress!), ToNumber(b.StartAddress!));
        UInt128 end = Min(ToNumber(a.EndAddress!), ToNumber(b.EndAddress!));
        ushort startPort = Math.Max(a.StartPort, b.StartPort);
        ushort endPort = Math.Min(a.EndPort, b.EndPort);
        if (start > end || startPort > endPort)
        {
            return false;
        }

        AddressFamily family = a.StartAddress!.AddressFamily;
        both = TrafficSelector.AddressRange(ToAddress(start, family), ToAddress(end, family), a.Protocol != 0 ? a.Protocol : b.Protocol, startPort, endPort);
        return true;
    }

    private static bool Same(TrafficSelector a, TrafficSelector b) =>
        a.Type == b.Type && a.Protocol == b.Protocol && a.StartPort == b.StartPort && a.EndPort == b.EndPort
        && Equals(a.StartAddress, b.StartAddress) && Equals(a.EndAddress, b.EndAddress);

    private static UInt128 Max(UInt128 a, UInt128 b) => a > b ? a : b;

    private static UInt128 Min(UInt128 a, UInt128 b) => a < b ? a : b;

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        UInt128 value = 0;
        foreach (byte b in bytes[..written])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static IPAddress ToAddress(UInt128 value, AddressFamily family)
    {
        byte[] bytes = new byte[family == AddressFamily.InterNetwork ? 4 : 16];
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return new IPAddress(bytes);
    }
}
