namespace IpsecTun.Platform;

/// <summary>A raw IP socket for one protocol (ESP, AH): what its datagrams carry besides the protocol's own bytes.</summary>
public interface IRawIpSocket : IDatagramSocket
{
    /// <summary>True for IPv4: received datagrams start with the IPv4 header (IPv6 ones arrive without theirs).</summary>
    bool ReceivesIpHeader { get; }

    /// <summary>True when datagrams sent must start with a caller-written IPv4 header (IP_HDRINCL).</summary>
    bool SendsIpHeader { get; }
}
