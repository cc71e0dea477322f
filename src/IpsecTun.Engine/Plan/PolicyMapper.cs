using System.Net;
using IpsecTun.Config;
using IpsecTun.Core;
using IpsecTun.Esp;
using IkeSelector = IpsecTun.Ike.Messages.TrafficSelector;
using Selector = IpsecTun.Core.TrafficSelector;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A configured policy as an entry of the Security Policy Database and as the traffic selectors IKE
/// negotiates for it. sa-src-address is the peer's local-address and sa-dst-address the peer's address
/// when it names one host; otherwise they are learnt when the SA is negotiated.
/// </summary>
internal static class PolicyMapper
{
    public static SecurityPolicy ToSecurityPolicy(Policy policy, Peer? peer) => new(Selector(policy))
    {
        Action = policy.Action switch
        {
            Config.PolicyAction.Discard => Esp.PolicyAction.Discard,
            Config.PolicyAction.None => Esp.PolicyAction.None,
            _ => Esp.PolicyAction.Encrypt,
        },
        Level = policy.Level switch
        {
            Config.PolicyLevel.Unique => Esp.PolicyLevel.Unique,
            Config.PolicyLevel.Use => Esp.PolicyLevel.Use,
            _ => Esp.PolicyLevel.Require,
        },
        Protocols = policy.IpsecProtocols == IpsecProtocol.Ah ? IpsecProtocols.Ah : IpsecProtocols.Esp,
        Tunnel = policy.Tunnel,
        SaSource = peer?.LocalAddress,
        SaDestination = peer?.Address is { IsSingleHost: true, Prefix: { } prefix } ? prefix.BaseAddress : null,
        Disabled = policy.Disabled,
        Template = policy.Template,
        Group = policy.Group,
        Peer = policy.Peer,
        Proposal = policy.Proposal,
        Comment = policy.Comment,
    };

    public static Selector Selector(Policy policy) => new(
        IpPrefix.FromNetwork(policy.SrcAddress),
        IpPrefix.FromNetwork(policy.DstAddress),
        policy.Protocol is int protocol ? (byte)protocol : null,
        Ports(policy.SrcPort),
        Ports(policy.DstPort));

    /// <summary>The local side (src-address, src-port) as an IKE traffic selector.</summary>
    public static IkeSelector LocalSelector(Policy policy) => IkeRange(policy.SrcAddress, policy.Protocol, policy.SrcPort);

    /// <summary>The remote side (dst-address, dst-port) as an IKE traffic selector.</summary>
    public static IkeSelector RemoteSelector(Policy policy) => IkeRange(policy.DstAddress, policy.Protocol, policy.DstPort);

    /// <summary>The protocol of the Child SA a policy asks for: its ipsec-protocols.</summary>
    public static Ike.Messages.ProtocolId ChildProtocol(Policy policy) =>
        policy.IpsecProtocols == IpsecProtocol.Ah ? Ike.Messages.ProtocolId.Ah : Ike.Messages.ProtocolId.Esp;

    /// <summary>A whole prefix with any protocol and port.</summary>
    public static IkeSelector AnySelector(IPNetwork network) => IkeRange(network, null, null);

    private static IkeSelector IkeRange(IPNetwork network, int? protocol, int? port)
    {
        PortRange ports = Ports(port);
        return IkeSelector.AddressRange(network.BaseAddress, LastAddress(network), (byte)(protocol ?? 0), ports.Low, ports.High);
    }

    private static PortRange Ports(int? port) => port is int p ? PortRange.Of((ushort)p) : PortRange.Any;

    private static IPAddress LastAddress(IPNetwork network)
    {
        byte[] bytes = network.BaseAddress.GetAddressBytes();
        for (int bit = network.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
