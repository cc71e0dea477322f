using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The responder's side of mode-config (RFC 7296 §2.19, §3.15): a CFG_REQUEST in IKE_AUTH is answered with a
/// CFG_REPLY from what the host assigns (<see cref="IResponderConfiguration.AssignModeConfig"/>) or the fixed
/// answer of the settings. Addresses go only for the families the client asked for (with INTERNAL_IP4_NETMASK
/// when a prefix length is configured); DNS servers, DNS domains and split-include networks (INTERNAL_IP4/IP6_SUBNET) go
/// whenever configured, as RouterOS sends them. The client's TSi is then narrowed to the assigned addresses.
/// A client that asked for an address and got none is answered INTERNAL_ADDRESS_FAILURE and no Child SA
/// (§3.15.4: the IKE SA is still created).
/// </summary>
internal static class ModeConfigResponder
{
    /// <summary>What the client's CFG_REQUEST asks for, or null without one.</summary>
    public static ModeConfigRequest? Requested(IReadOnlyList<Payload> payloads)
    {
        if (payloads.OfType<ConfigurationPayload>().FirstOrDefault(p => p.ConfigurationType == ConfigurationType.Request) is not { } request)
        {
            return null;
        }

        HashSet<ConfigurationAttributeType> asked = [.. request.Attributes.Select(a => a.Type)];
        return new ModeConfigRequest(
            Ip4Address: asked.Contains(ConfigurationAttributeType.InternalIp4Address),
            Ip6Address: asked.Contains(ConfigurationAttributeType.InternalIp6Address),
            DnsServers: asked.Contains(ConfigurationAttributeType.InternalIp4Dns) || asked.Contains(ConfigurationAttributeType.InternalIp6Dns),
            SplitNetworks: asked.Contains(ConfigurationAttributeType.InternalIp4Subnet) || asked.Contains(ConfigurationAttributeType.InternalIp6Subnet));
    }

    /// <summary>
    /// The CFG_REPLY for <paramref name="answer"/> and what it gives (the addresses of the requested families);
    /// false (and no reply) when an address was asked for and none of a requested family could be given.
    /// </summary>
    public static bool TryReply(
        ModeConfigRequest requested, ModeConfigResult answer, [NotNullWhen(true)] out ConfigurationPayload? reply, [NotNullWhen(true)] out ModeConfigResult? given)
    {
        var attributes = new List<ConfigurationAttribute>();
        var assigned = new List<IPAddress>();
        foreach (IPAddress address in answer.Addresses)
        {
            bool ip4 = address.AddressFamily == AddressFamily.InterNetwork;
            if (ip4 ? !requested.Ip4Address : !requested.Ip6Address)
            {
                continue;
            }

            if (ip4)
            {
                attributes.Add(ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Address, address));
                if (answer.Ip4PrefixLength is { } length)
                {
                    attributes.Add(ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Netmask, Mask4(length)));
                }
            }
            else
            {
                attributes.Add(ConfigurationAttribute.Ip6Prefix(ConfigurationAttributeType.InternalIp6Address, address, (byte)answer.Ip6PrefixLength));
            }

            assigned.Add(address);
        }

        if ((requested.Ip4Address || requested.Ip6Address) && assigned.Count == 0)
        {
            (reply, given) = (null, null);
            return false;
        }

        foreach (IPAddress server in answer.DnsServers)
        {
            attributes.Add(ConfigurationAttribute.Address(
                server.AddressFamily == AddressFamily.InterNetwork ? ConfigurationAttributeType.InternalIp4Dns : ConfigurationAttributeType.InternalIp6Dns, server));
        }

        attributes.AddRange(answer.DnsDomains.Select(ConfigurationAttribute.DnsDomain));
        foreach (IPNetwork network in answer.SplitNetworks)
        {
            attributes.Add(network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
                ? ConfigurationAttribute.Ip4Subnet(network.BaseAddress, Mask4(network.PrefixLength))
                : ConfigurationAttribute.Ip6Prefix(ConfigurationAttributeType.InternalIp6Subnet, network.BaseAddress, (byte)network.PrefixLength));
        }

        reply = new ConfigurationPayload(ConfigurationType.Reply, attributes);
        given = answer with { Addresses = assigned };
        return true;
    }

    /// <summary>The selectors of the addresses a responder assigned on this IKE SA, for narrowing later Child SAs too; null without any.</summary>
    public static IReadOnlyList<TrafficSelector>? AssignedSelectors(IkeSa sa) =>
        !sa.IsInitiator && sa.ModeConfig is { Addresses.Count: > 0 } assigned
            ? [.. assigned.Addresses.Select(a => a.AddressFamily == AddressFamily.InterNetwork
                ? TrafficSelector.AddressRange(a, a)
                : Ip6Range(a, assigned.Ip6PrefixLength))]
            : null;

    private static TrafficSelector Ip6Range(IPAddress address, int prefixLength)
    {
        IPNetwork network = ModeConfigExchange.Network(address, prefixLength);
        byte[] end = network.BaseAddress.GetAddressBytes();
        for (int bit = prefixLength; bit < 128; bit++)
        {
            end[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return TrafficSelector.AddressRange(network.BaseAddress, new IPAddress(end));
    }

    private static IPAddress Mask4(int length)
    {
        byte[] mask = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(mask, length == 0 ? 0u : uint.MaxValue << (32 - length));
        return new IPAddress(mask);
    }
}
