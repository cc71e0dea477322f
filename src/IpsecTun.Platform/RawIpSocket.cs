using System.Net;
using System.Runtime.Versioning;
using IpsecTun.Platform.Native;
using static Tmds.Linux.LibC;

namespace IpsecTun.Platform;

/// <summary>
/// A raw IP socket for one protocol (ESP 50, AH 51) bound to a local address, for peers reached without
/// NAT. What the kernel hands over differs by family: an IPv4 datagram arrives with its IP header (AH
/// needs it, since its ICV covers the header), an IPv6 one without. Endpoints carry port 0.
/// </summary>
public sealed class RawIpSocket : DatagramSocket, IRawIpSocket
{
    private const int IP_HDRINCL = 3;

    private RawIpSocket(BatchedSocket socket, bool sendsIpHeader)
        : base(socket)
    {
        SendsIpHeader = sendsIpHeader;
    }

    /// <summary>
    /// Binds a socket for <paramref name="protocol"/>. With <paramref name="includeIpHeader"/> (IPv4 only)
    /// each datagram sent starts with the IPv4 header the caller wrote, as AH needs; a non-zero
    /// <paramref name="mark"/> is set as SO_MARK.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static RawIpSocket Open(IPAddress local, byte protocol, bool includeIpHeader = false, uint mark = 0)
    {
        var endpoint = NetworkEndpoint.From(new IPEndPoint(local, 0));
        if (includeIpHeader && endpoint.Version != 4)
        {
            throw new ArgumentException("Only IPv4 raw sockets send a caller-written IP header.", nameof(includeIpHeader));
        }

        void Configure(int fd)
        {
            if (includeIpHeader)
            {
                BatchedSocket.SetOption(fd, IPPROTO_IP, IP_HDRINCL, 1, "IP_HDRINCL");
            }

            if (mark != 0)
            {
                BatchedSocket.SetOption(fd, SOL_SOCKET, SO_MARK, unchecked((int)mark), "SO_MARK");
            }
        }

        return new RawIpSocket(BatchedSocket.Open(endpoint, SOCK_RAW, protocol, Configure), includeIpHeader);
    }

    public bool ReceivesIpHeader => Socket.LocalEndpoint.Version == 4;

    public bool SendsIpHeader { get; }

    /// <summary>The bound address with port 0 (the kernel reports the protocol number in the port field).</summary>
    public override NetworkEndpoint LocalEndpoint => Socket.LocalEndpoint with { Port = 0 };
}
