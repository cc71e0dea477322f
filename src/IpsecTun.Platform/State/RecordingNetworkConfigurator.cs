using System.Net;

namespace IpsecTun.Platform.State;

/// <summary>
/// An <see cref="INetworkConfigurator"/> that lists every address and route in a <see cref="StateFile"/>
/// before passing it on, so that <see cref="StaleStateCleaner"/> can remove them after a crash. Dispose
/// undoes through the inner configurator and, once that succeeded, empties the file's lists.
/// </summary>
public sealed class RecordingNetworkConfigurator(INetworkConfigurator inner, StateFile state) : INetworkConfigurator
{
    private readonly INetworkConfigurator _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly StateFile _state = state ?? throw new ArgumentNullException(nameof(state));

    public void SetLinkUp(int interfaceIndex, bool up) => _inner.SetLinkUp(interfaceIndex, up);

    public void SetMtu(int interfaceIndex, int mtu) => _inner.SetMtu(interfaceIndex, mtu);

    public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        var entry = new InterfaceAddress(interfaceIndex, address, prefixLength);
        _state.Record(entry);
        try
        {
            _inner.AddAddress(interfaceIndex, address, prefixLength);
        }
        catch
        {
            _state.Forget(entry);
            throw;
        }
    }

    public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        _inner.RemoveAddress(interfaceIndex, address, prefixLength);
        _state.Forget(new InterfaceAddress(interfaceIndex, address, prefixLength));
    }

    public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
        AddRoute(new RouteEntry(destination, prefixLength, interfaceIndex));

    public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
        RemoveRoute(new RouteEntry(destination, prefixLength, interfaceIndex));

    public void AddRoute(RouteEntry route)
    {
        ArgumentNullException.ThrowIfNull(route);
        _state.Record(route);
        try
        {
            _inner.AddRoute(route);
        }
        catch
        {
            _state.Forget(route);
            throw;
        }
    }

    public void RemoveRoute(RouteEntry route)
    {
        _inner.RemoveRoute(route);
        _state.Forget(route);
    }

    public void Dispose()
    {
        _inner.Dispose();
        _state.ForgetConfiguration();
    }
}
