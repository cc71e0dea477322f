using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Mode-config in IKE_AUTH (RFC 7296 §2.19, §3.15): the client's CP(CFG_REQUEST) and its reading of
/// CFG_REPLY; and a responder answering with fixed values, narrowing the client's TSi to the address given.
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
        var domains = new List<string>();
        foreach (ConfigurationAttribute attribute in reply.Attributes)
        {
            switch (attribute.Type)
            {
                case ConfigurationAttributeType.InternalIp4Address or ConfigurationAttributeType.InternalIp6Address when attribute.TryGetAddress(out IPAddress? address):
                    addresses.Add(address);
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

        sa.ModeConfig = new ModeConfigResult(addresses, dns, networks) { DnsDomains = domains };
        output.Raise(IkeSaEventKind.ModeConfigReceived, sa.ModeConfig.ToString());
    }

    /// <summary>
    /// The responder's CFG_REPLY to a CFG_REQUEST, with the configured answer's values of the requested kinds;
    /// <paramref name="clientSelectors"/> are then the client's addresses, to narrow its TSi to.
    /// </summary>
    public static ConfigurationPayload? Answer(IkeSaSettings settings, IReadOnlyList<Payload> payloads, out IReadOnlyList<TrafficSelector>? clientSelectors)
    {
        clientSelectors = null;
        if (settings.ModeConfigAnswer is not { } answer
            || payloads.OfType<ConfigurationPayload>().FirstOrDefault(p => p.ConfigurationType == ConfigurationType.Request) is not { } request)
        {
            return null;
        }

        HashSet<ConfigurationAttributeType> asked = [.. request.Attributes.Select(a => a.Type)];
        var attributes = new List<ConfigurationAttribute>();
        var assigned = new List<TrafficSelector>();
        foreach (IPAddress address in answer.Addresses)
        {
            bool ip4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            if (asked.Contains(ip4 ? ConfigurationAttributeType.InternalIp4Address : ConfigurationAttributeType.InternalIp6Address))
            {
                attributes.Add(ip4
                    ? ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Address, address)
                    : ConfigurationAttribute.Ip6Prefix(ConfigurationAttributeType.InternalIp6Address, address, 128));
                assigned.Add(TrafficSelector.AddressRange(address, address));
            }
        }

        foreach (IPAddress server in answer.DnsServers)
        {
            bool ip4 = server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            ConfigurationAttributeType type = ip4 ? ConfigurationAttributeType.InternalIp4Dns : ConfigurationAttributeType.InternalIp6Dns;
            if (asked.Contains(type))
            {
                attributes.Add(ConfigurationAttribute.Address(type, server));
            }
        }

        if (asked.Contains(ConfigurationAttributeType.InternalDnsDomain))
        {
            attributes.AddRange(answer.DnsDomains.Select(ConfigurationAttribute.DnsDomain));
        }

        foreach (IPNetwork network in answer.SplitNetworks)
        {
            bool ip4 = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            if (asked.Contains(ip4 ? ConfigurationAttributeType.InternalIp4Subnet : ConfigurationAttributeType.InternalIp6Subnet))
            {
                attributes.Add(ip4
                    ? ConfigurationAttribute.Ip4Subnet(network.BaseAddress, Mask4(network.PrefixLength))
                    : ConfigurationAttribute.Ip6Prefix(ConfigurationAttributeType.InternalIp6Subnet, network.BaseAddress, (byte)network.PrefixLength));
            }
        }

        clientSelectors = assigned.Count > 0 ? assigned : null;
        return new ConfigurationPayload(ConfigurationType.Reply, attributes);
    }

    /// <summary>The prefix length of a contiguous IPv4 mask; null for anything else.</summary>
    private static int? MaskLength(IPAddress mask)
    {
        uint bits = BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
        int length = BitOperations.LeadingZeroCount(~bits);
        return length == 32 || bits << length == 0 ? length : null;
    }

    private static IPAddress Mask4(int length)
    {
        byte[] mask = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(mask, length == 0 ? 0u : uint.MaxValue << (32 - length));
        return new IPAddress(mask);
    }

    /// <summary>The network of <paramref name="address"/>/<paramref name="length"/>, host bits cleared.</summary>
    private static IPNetwork Network(IPAddress address, int length)
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
