using System.Net;
using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// One entry of the policy table with the manual's properties. The matching properties are fixed once the
/// policy is in a <see cref="SecurityPolicyDatabase"/>; to change one, replace the entry. ph2-state,
/// ph2-count and the outbound SA are maintained by the <see cref="SecurityAssociationDatabase"/>.
/// </summary>
public sealed class SecurityPolicy
{
    private SecurityAssociation? _outboundSa;
    private int _ph2Count;
    private int _ph2State;

    public SecurityPolicy(TrafficSelector selector) => Selector = selector;

    /// <summary>src-address, dst-address, protocol, src-port and dst-port.</summary>
    public TrafficSelector Selector { get; }

    public PolicyAction Action { get; init; } = PolicyAction.Encrypt;

    public PolicyLevel Level { get; init; } = PolicyLevel.Require;

    /// <summary>ipsec-protocols: esp (the default) or ah.</summary>
    public IpsecProtocols Protocols { get; init; } = IpsecProtocols.Esp;

    /// <summary>tunnel: yes for tunnel mode, no for transport mode.</summary>
    public bool Tunnel { get; init; }

    /// <summary>sa-src-address: the local peer.</summary>
    public IPAddress? SaSource { get; init; }

    /// <summary>sa-dst-address: the remote peer.</summary>
    public IPAddress? SaDestination { get; init; }

    public bool Disabled { get; init; }

    /// <summary>Added by IKE (from a template or a peer's request) rather than by configuration.</summary>
    public bool Dynamic { get; init; }

    /// <summary>A template: only checked against what a peer requests, never against traffic.</summary>
    public bool Template { get; init; }

    public string Group { get; init; } = "default";

    public string? Peer { get; init; }

    public string Proposal { get; init; } = "default";

    public string? Comment { get; init; }

    /// <summary>True when the policy can match packets.</summary>
    public bool MatchesTraffic => !Disabled && !Template;

    public Ph2State Ph2State => (Ph2State)Volatile.Read(ref _ph2State);

    /// <summary>ph2-count: the number of live Child SAs for this policy.</summary>
    public int Ph2Count => Volatile.Read(ref _ph2Count);

    /// <summary>The SA that protects outbound packets; the newest one installed.</summary>
    public SecurityAssociation? OutboundSa => Volatile.Read(ref _outboundSa);

    internal void SetOutboundSa(SecurityAssociation? sa) => Volatile.Write(ref _outboundSa, sa);

    internal void SetPhase2(int count, Ph2State state)
    {
        Volatile.Write(ref _ph2Count, count);
        Volatile.Write(ref _ph2State, (int)state);
    }

    public override string ToString() =>
        $"{Selector} action={Action} level={Level} tunnel={(Tunnel ? "yes" : "no")}{(Template ? " template" : "")}{(Disabled ? " disabled" : "")}";
}
