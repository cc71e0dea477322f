using System.Net;

namespace IpsecTun.Config;

/// <summary>
/// An <c>/ip ipsec policy</c> entry, a security policy or (with <see cref="Template"/>) a template that
/// generated policies are checked against. Policies are matched in order, first match wins.
/// </summary>
/// <param name="DstPort">The port to match, or null for <c>any</c>.</param>
/// <param name="Protocol">The IP protocol number to match, or null for <c>all</c>.</param>
/// <param name="IsDefault">True for the template RouterOS always has (group default, ::/0 to ::/0).</param>
public sealed record Policy(
    PolicyAction Action,
    string? Comment,
    bool Disabled,
    IPNetwork DstAddress,
    int? DstPort,
    string Group,
    IpsecProtocol IpsecProtocols,
    PolicyLevel Level,
    string? Peer,
    string Proposal,
    int? Protocol,
    IPNetwork SrcAddress,
    int? SrcPort,
    bool Template,
    bool Tunnel,
    bool IsDefault);
