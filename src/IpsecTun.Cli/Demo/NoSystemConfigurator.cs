using System.Net;
using IpsecTun.Platform;

namespace IpsecTun.Cli.Demo;

/// <summary>
/// The configurator of an in-memory adapter: there is no system interface behind it, so its link, MTU,
/// addresses and routes are accepted and change nothing.
/// </summary>
internal sealed class NoSystemConfigurator : INetworkConfigurator
{
    public void SetLinkUp(int interfaceIndex, bool up)
    {
    }

    public void SetMtu(int interfaceIndex, int mtu)
    {
    }

    public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
    }

    public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
    }

    public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength)
    {
    }

    public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength)
    {
    }

    public void Dispose()
    {
    }
}
