namespace IpsecTun.Config;

/// <summary>The UDP ports IKE listens on: plain IKE and NAT traversal (RFC 3948).</summary>
public sealed record ListenSettings(int IkePort, int NatTPort);
