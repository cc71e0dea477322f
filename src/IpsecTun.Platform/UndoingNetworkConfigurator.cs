using System.Net;
using IpsecTun.Platform.State;

namespace IpsecTun.Platform;

/// <summary>
/// What every system's configurator shares: validation, and the list of addresses, routes and rules it added,
/// undone on Dispose newest first, where entries already gone with their device are not an error. A
/// platform supplies the system calls, each returning the system's error code (0 for success); the
/// <see cref="StaleStateCleaner"/> uses the same calls.
/// </summary>
public abstract class UndoingNetworkConfigurator : INetworkConfigurator
{
    private readonly List<ConfiguredEntry> _added = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public abstract void SetLinkUp(int interfaceIndex, bool up);

    public abstract void SetMtu(int interfaceIndex, int mtu);

    public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        IpPrefix.Validate(address, prefixLength);
        Add(new ConfiguredEntry(new InterfaceAddress(interfaceIndex, address, prefixLength), null));
    }

    public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        IpPrefix.Validate(address, prefixLength);
        Remove(new ConfiguredEntry(new InterfaceAddress(interfaceIndex, address, prefixLength), null));
    }

    public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
        AddRoute(new RouteEntry(destination, prefixLength, interfaceIndex));

    public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength) =>
        RemoveRoute(new RouteEntry(destination, prefixLength, interfaceIndex));

    public void AddRoute(RouteEntry route)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        Add(new ConfiguredEntry(null, route));
    }

    public void RemoveRoute(RouteEntry route)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        Remove(new ConfiguredEntry(null, route));
    }

    public void AddRule(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        Add(new ConfiguredEntry(null, null, rule));
    }

    public void RemoveRule(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        Remove(new ConfiguredEntry(null, null, rule));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds (or removes) one address, route or rule; returns the system's error code, 0 on success.</summary>
    internal abstract int Apply(ConfiguredEntry entry, bool add);

    /// <summary>True for the error codes a removal meets when its device, address or route no longer exists.</summary>
    internal abstract bool IsAlreadyGone(int error);

    internal abstract Exception ErrorFor(int error, string operation);

    /// <summary>
    /// Removes a TUN device a crashed run left, if the system still has one with the recorded name and
    /// index; a device of that name with another index is someone else's and counts as gone.
    /// </summary>
    internal abstract int RemoveDevice(DeviceRecord device);

    /// <summary>Undoes what was added, then releases the platform's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || _disposed)
        {
            return;
        }

        lock (_lock)
        {
            _disposed = true;
            Exception? first = null;
            for (int i = _added.Count - 1; i >= 0; i--)
            {
                int error = Apply(_added[i], add: false);
                if (error != 0 && !IsAlreadyGone(error))
                {
                    first ??= ErrorFor(error, $"undo {_added[i]}");
                }
            }

            _added.Clear();
            if (first is not null)
            {
                throw first;
            }
        }
    }

    private void Add(ConfiguredEntry entry)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfFailed(Apply(entry, add: true), $"add {entry}");
            _added.Add(entry);
        }
    }

    private void Remove(ConfiguredEntry entry)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfFailed(Apply(entry, add: false), $"remove {entry}");
            _added.Remove(entry);
        }
    }

    private protected void ThrowIfFailed(int error, string operation)
    {
        if (error != 0)
        {
            throw ErrorFor(error, operation);
        }
    }
}
