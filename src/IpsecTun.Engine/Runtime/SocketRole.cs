namespace IpsecTun.Engine.Runtime;

/// <summary>What a socket of the endpoint carries.</summary>
internal enum SocketRole
{
    /// <summary>UDP 500: IKE only.</summary>
    Ike,

    /// <summary>UDP 4500: IKE behind the non-ESP marker, UDP-encapsulated ESP, NAT keepalives.</summary>
    NatTraversal,

    /// <summary>Raw IP protocol 50.</summary>
    Esp,

    /// <summary>Raw IP protocol 51; over IPv4 it sends datagrams with their IP header.</summary>
    Ah,
}
