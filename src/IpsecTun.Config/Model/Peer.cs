using System.Net;

namespace IpsecTun.Config;

/// <summary>An <c>/ip ipsec peer</c> entry: where a remote IKE daemon is and which profile to use with it.</summary>
public sealed record Peer(
    string Name,
    PeerAddress Address,
    string? Comment,
    bool Disabled,
    ExchangeMode ExchangeMode,
    IPAddress? LocalAddress,
    bool Passive,
    int Port,
    string Profile,
    bool SendInitialContact);
