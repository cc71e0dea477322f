using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Mode-config in IKE_AUTH (RFC 7296 §2.19, §3.15): the client's CP(CFG_REQUEST) and its reading of
/// CFG_REPLY. The responder's side is <see cref="ModeConfigResponder"/>.
/// </summary>
internal static class ModeConfigExchange
{
    private static readonly TrafficSelector AnyIp4 = TrafficSelector.AddressRange(IPAddress.Any, IPAddress.Broadcast);
    private static readonly TrafficSelector AnyIp6 = TrafficSelector.AddressRange(
        IPAddress.IPv6Any, new IPAddress(Enumerable.Repeat((byte)0xff, 16).ToArray()));

    /// <summary>The first Child SA's TSi: "any" of each family whose address is requested, for the responder to narrow.</summary>
    public static IReadOnlyList<TrafficSelector> InitiatorSelectors(IkeSaSettings settings, ChildSaSettings child) => settings.ModeConfig switch
    {
        { Ip4Address: true, Ip6Address: true } => [AnyIp4, AnyIp6],
        { Ip4Address: true } => [AnyIp4],
        { Ip6Address: true } => [AnyIp6],
        _ => child.LocalSelectors,
    };

    public static ConfigurationPayload? Request(IkeSaSettings settings)
    {
        if (settings.ModeConfig is not { } request)
        {
            return null;
        }

        var attributes = new List<ConfigurationAttribute>();
        if (request.Ip4Address)
        {
            attributes.Add(new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address));
        }

        if (request.Ip6Address)
        {
            attributes.Add(new ConfigurationAttribute(ConfigurationAttributeType.InternalIp6Address));
        }

        if (request.DnsServers)
        {
            attributes.Add(new ConfigurationAttribute(request.Ip6Address && !request.Ip4Address
                ? ConfigurationAttributeType.InternalIp6Dns : ConfigurationAttributeType.InternalIp4Dns));
            if (request.Ip4Address && request.Ip6Address)
            {
                attributes.Add(new ConfigurationAttribute(ConfigurationAttributeType.InternalIp6Dns));
            }

            // Empty: tells the responder that this client honours internal DNS domains (RFC 8598 §3.1).
            attributes.Add(new ConfigurationAttribute(ConfigurationAttributeType.InternalDnsDomain));
        }

        if (request.SplitNetworks)
        {
            attributes.Add(new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Subnet));
            attributes.Add(new ConfigurationAttribute(ConfigurationAttributeType.InternalIp6Subnet));
        }

        return new ConfigurationPayload(ConfigurationType.Request, attributes);
    }

    /// <summary>Reads CFG_REPLY into <see cref="IkeSa.ModeConfig"/> and tells the host; a client that got no address logs why.</summary>
    public static void ApplyReply(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (sa.Settings.ModeConfig is null)
        {
            return;
        }

        if (payloads.OfType<ConfigurationPayload>().FirstOrDefault(p => p.ConfigurationType == ConfigurationType.Reply) is not { } reply)
        {
            output.Log("mode-config: the responder sent no CFG_REPLY");
            return;
        }

        var addresses = new List<IPAddress>();
        var dns = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        int? netmask = null;
        var domains = new List<string>();
        foreach (ConfigurationAttribute attribute in reply.Attributes)
        {
            switch (attribute.Type)
            {
                case ConfigurationAttributeType.InternalIp4Address or ConfigurationAttributeType.InternalIp6Address when attribute.TryGetAddress(out IPAddress? address):
                    addresses.Add(address);
                    break;
                case ConfigurationAttributeType.InternalIp4Netmask when attribute.TryGetAddress(out IPAddress? mask) && MaskLength(mask) is { } maskLength:
                    netmask = maskLength;
                    break;
                case ConfigurationAttributeType.InternalIp4Dns or ConfigurationAttributeType.InternalIp6Dns when attribute.TryGetAddress(out IPAddress? server):
                    dns.Add(server);
                    break;
                case ConfigurationAttributeType.InternalIp4Subnet when attribute.TryGetIp4Subnet(out IPAddress? network, out IPAddress? mask)
                    && MaskLength(mask) is { } length:
                    networks.Add(Network(network, length));
                    break;
                case ConfigurationAttributeType.InternalIp6Subnet when attribute.TryGetAddress(out IPAddress? network) && attribute.TryGetPrefixLength(out byte length)
                    && length <= 128:
                    networks.Add(Network(network, length));
                    break;
                case ConfigurationAttributeType.InternalDnsDomain when attribute.TryGetText(out string? domain) && domain.Length > 0:
                    domains.Add(domain);
                    break;
                default:
                    break;
            }
        }

        sa.ModeConfig = new ModeConfigResult(addresses, dns, networks, netmask) { DnsDomains = domains };
        output.Raise(IkeSaEventKind.ModeConfigReceived, sa.ModeConfig.ToString());
    }

    /// <summary>The prefix length of a contiguous IPv4 mask; null for anything else.</summary>
    internal static int? MaskLength(IPAddress mask)
    {
        uint bits = BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
        int length = BitOperations.LeadingZeroCount(~bits);
        return length == 32 || bits << length == 0 ? length : null;
    }

    /// <summary>The network of <paramref name="address"/>/<paramref name="length"/>, host bits cleared.</summary>
    internal static IPNetwork Network(IPAddress address, int length)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }

        return new IPNetwork(new IPAddress(bytes), length);
    }
}
