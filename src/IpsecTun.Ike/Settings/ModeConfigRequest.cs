namespace IpsecTun.Ike.Settings;

/// <summary>
/// What a mode-config client asks for in IKE_AUTH with CP(CFG_REQUEST) (RFC 7296 §2.19, §3.15): a virtual
/// IPv4 and/or IPv6 address, DNS servers, and the split-include networks (INTERNAL_IP4/IP6_SUBNET).
/// Asking for an address makes the first Child SA's TSi "any", for the responder to narrow to that address.
/// </summary>
public sealed record ModeConfigRequest(bool Ip4Address = true, bool Ip6Address = false, bool DnsServers = true, bool SplitNetworks = true);
