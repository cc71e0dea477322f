using System.Net;

namespace IpsecTun.Platform.State;

/// <summary>
/// An <see cref="INetworkConfigurator"/> that lists every address, route and rule in a <see cref="StateFile"/>
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
        RecordedFirst(() => _state.Record(entry), () => _inner.AddAddress(interfaceIndex, address, prefixLength), () => _state.Forget(entry));
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
        RecordedFirst(() => _state.Record(route), () => _inner.AddRoute(route), () => _state.Forget(route));
    }

    public void RemoveRoute(RouteEntry route)
    {
        _inner.RemoveRoute(route);
        _state.Forget(route);
    }

    public void AddRule(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RecordedFirst(() => _state.Record(rule), () => _inner.AddRule(rule), () => _state.Forget(rule));
    }

    public void RemoveRule(RoutingRule rule)
    {
        _inner.RemoveRule(rule);
        _state.Forget(rule);
    }

    public void Dispose()
    {
        _inner.Dispose();
        _state.ForgetConfiguration();
    }

    /// <summary>Records an entry before the system changes, so a crash in between still lists it, and forgets it if the change failed.</summary>
    private static void RecordedFirst(Action record, Action change, Action forget)
    {
        record();
        try
        {
            change();
        }
        catch
        {
            forget();
            throw;
        }
    }
}
