using System.Net;
using IpsecTun.Core;
using IpsecTun.Esp;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// What a mode-config client put in place for one peer's result: the virtual addresses on the adapter,
/// the dynamic policies from the virtual address to each split-include network (or everywhere), the
/// networks routed into the adapter and whether the DNS servers were handed to the system. All of it is
/// undone together when the peer's last IKE SA ends. Touched only on the IKE thread.
/// </summary>
internal sealed class ModeConfigSession(ModeConfigResult result, IPAddress gateway)
{
    public ModeConfigResult Result { get; } = result;

    /// <summary>The peer's address for this session, kept out of the tunnel's routes (it may have come from a DNS name).</summary>
    public IPAddress Gateway { get; } = gateway;

    /// <summary>The virtual addresses that went onto the adapter, with their prefix lengths.</summary>
    public List<(IPAddress Address, int PrefixLength)> Addresses { get; } = [];

    /// <summary>One encrypt policy per network, from the virtual address of its family.</summary>
    public List<SecurityPolicy> Policies { get; } = [];

    /// <summary>The Child SA each policy asks for: the peer's proposals between the virtual address and the network.</summary>
    public Dictionary<SecurityPolicy, ChildSaSettings> Children { get; } = [];

    /// <summary>In a full tunnel, a discard policy for each family without a virtual address (IPv6 for an IPv4 client), so none of it leaves unprotected.</summary>
    public List<SecurityPolicy> Blocks { get; } = [];

    /// <summary>The networks routed into the adapter, before the peer and the local networks are cut out of them.</summary>
    public List<IpPrefix> Routed { get; } = [];

    public bool DnsApplied { get; set; }
}
