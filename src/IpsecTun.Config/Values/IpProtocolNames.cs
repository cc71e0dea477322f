using System.Collections.Frozen;
using System.Globalization;

namespace IpsecTun.Config.Values;

/// <summary>The protocol names RouterOS accepts in a policy's protocol (its /etc/protocols subset).</summary>
internal static class IpProtocolNames
{
    private static readonly FrozenDictionary<string, int> Numbers = new Dictionary<string, int>
    {
        ["icmp"] = 1, ["igmp"] = 2, ["ggp"] = 3, ["ip-encap"] = 4, ["st"] = 5, ["tcp"] = 6, ["egp"] = 8,
        ["pup"] = 12, ["udp"] = 17, ["hmp"] = 20, ["xns-idp"] = 22, ["rdp"] = 27, ["iso-tp4"] = 29,
        ["dccp"] = 33, ["xtp"] = 36, ["ddp"] = 37, ["idpr-cmtp"] = 38, ["ipv6"] = 41, ["ipv6-route"] = 43,
        ["ipv6-frag"] = 44, ["idrp"] = 45, ["rsvp"] = 46, ["gre"] = 47, ["ipsec-esp"] = 50, ["ipsec-ah"] = 51,
        ["icmpv6"] = 58, ["ipv6-nonxt"] = 59, ["ipv6-opts"] = 60, ["rspf"] = 73, ["vmtp"] = 81, ["ospf"] = 89,
        ["ipip"] = 94, ["etherip"] = 97, ["encap"] = 98, ["pim"] = 103, ["vrrp"] = 112, ["l2tp"] = 115,
        ["sctp"] = 132, ["udp-lite"] = 136,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The protocols whose packets carry ports, so that src-port and dst-port can match them.</summary>
    public static readonly FrozenSet<int> WithPorts = new[] { 6, 17, 33, 132, 136 }.ToFrozenSet();

    /// <summary>Parses <c>all</c> (null), a name, or a number 0..255.</summary>
    public static int? Parse(string text)
    {
        var s = text.Trim();
        if (s.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Numbers.TryGetValue(s, out var number))
        {
            return number;
        }

        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= 255)
        {
            return number;
        }

        throw new InvalidValueException(
            $"\"{text}\" is not all, a protocol number 0..255 or a protocol name such as tcp, udp, icmp, gre{Suggestions.DidYouMean(s, Numbers.Keys)}");
    }
}
