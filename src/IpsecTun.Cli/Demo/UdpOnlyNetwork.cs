using System.Net;
using IpsecTun.Engine.Runtime;
using IpsecTun.Platform;

namespace IpsecTun.Cli.Demo;

/// <summary>The system's UDP sockets, unmarked and without raw ESP or AH, as a process without root has them.</summary>
internal sealed class UdpOnlyNetwork : IEndpointNetwork
{
    private readonly SystemEndpointNetwork _system = new(ownTrafficMark: 0);

    public IDatagramSocket OpenUdp(IPEndPoint local, bool sharesPort) => _system.OpenUdp(local, sharesPort);

    public IDatagramSocket? TryOpenRaw(IPAddress local, byte protocol) => null;

    public IPAddress LocalAddressFor(IPAddress remote) => _system.LocalAddressFor(remote);

    public int PathMtu(IPAddress local, IPAddress remote) => _system.PathMtu(local, remote);
}
