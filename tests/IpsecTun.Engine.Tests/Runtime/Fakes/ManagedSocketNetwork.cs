using System.Net;
using IpsecTun.Engine.Runtime;
using IpsecTun.Platform;
using IpsecTun.Platform.Sockets;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>The system's network as Windows gives it to the endpoint: System.Net.Sockets UDP and no raw ESP.</summary>
internal sealed class ManagedSocketNetwork : IEndpointNetwork
{
    private readonly SystemEndpointNetwork _system = new(ownTrafficMark: 0);

    public IDatagramSocket OpenUdp(IPEndPoint local, bool sharesPort) => ManagedUdpSocket.Open(local, new UdpSocketOptions { SharesPort = sharesPort });

    public IDatagramSocket? TryOpenRaw(IPAddress local, byte protocol) => null;

    public IPAddress LocalAddressFor(IPAddress remote) => _system.LocalAddressFor(remote);

    public int PathMtu(IPAddress local, IPAddress remote) => _system.PathMtu(local, remote);
}
