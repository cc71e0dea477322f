using System.Net;
using System.Net.Sockets;
using IpsecTun.Platform.Netlink;
using Tmds.Linux;

namespace IpsecTun.Platform;

/// <summary>
/// Linux: configures interfaces of the caller's network namespace over rtnetlink from this process.
/// It remembers each address and route it added and removes them on Dispose, newest first; entries that
/// are already gone (their device was removed) are not an error then. Link state and MTU are not reverted:
/// they belong to devices this process owns, which disappear with it.
/// </summary>
public sealed class NetlinkNetworkConfigurator : INetworkConfigurator
{
    private readonly NetlinkSocket _socket = new();
    private readonly List<ConfiguredEntry> _added = [];
    private readonly Lock _lock = new();

    public void SetLinkUp(int interfaceIndex, bool up) =>
        Run(RouteMessages.LinkState(stackalloc byte[RouteMessages.MaxRequestSize], interfaceIndex, up), "set link state");

    public void SetMtu(int interfaceIndex, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
        Run(RouteMessages.LinkMtuRequest(stackalloc byte[RouteMessages.MaxRequestSize], interfaceIndex, mtu), "set MTU");
    }

    public void AddAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        ValidatePrefix(address, prefixLength);
        Add(new ConfiguredEntry(false, interfaceIndex, address, prefixLength), "add address");
    }

    public void RemoveAddress(int interfaceIndex, IPAddress address, int prefixLength)
    {
        ValidatePrefix(address, prefixLength);
        Remove(new ConfiguredEntry(false, interfaceIndex, address, prefixLength), "remove address");
    }

    public void AddRoute(int interfaceIndex, IPAddress destination, int prefixLength)
    {
        ValidatePrefix(destination, prefixLength);
        if (!IsNetworkAddress(destination, prefixLength))
        {
            throw new ArgumentException($"{destination}/{prefixLength} has host bits set.", nameof(destination));
        }

        Add(new ConfiguredEntry(true, interfaceIndex, destination, prefixLength), "add route");
    }

    public void RemoveRoute(int interfaceIndex, IPAddress destination, int prefixLength)
    {
        ValidatePrefix(destination, prefixLength);
        Remove(new ConfiguredEntry(true, interfaceIndex, destination, prefixLength), "remove route");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Exception? first = null;
            for (int i = _added.Count - 1; i >= 0; i--)
            {
                int errno = _socket.Execute(Request(_added[i], add: false));
                if (errno != 0 && !IsAlreadyGone(errno))
                {
                    first ??= NativeErrors.FromErrno(errno, $"undo {_added[i]}");
                }
            }

            _added.Clear();
            _socket.Dispose();
            if (first is not null)
            {
                throw first;
            }
        }
    }

    private void Add(ConfiguredEntry entry, string operation)
    {
        lock (_lock)
        {
            Run(Request(entry, add: true), operation);
            _added.Add(entry);
        }
    }

    private void Remove(ConfiguredEntry entry, string operation)
    {
        lock (_lock)
        {
            Run(Request(entry, add: false), operation);
            _added.Remove(entry);
        }
    }

    private void Run(Span<byte> request, string operation)
    {
        int errno = _socket.Execute(request);
        if (errno != 0)
        {
            throw NativeErrors.FromErrno(errno, operation);
        }
    }

    private static Span<byte> Request(ConfiguredEntry entry, bool add)
    {
        var buffer = new byte[RouteMessages.MaxRequestSize];
        return entry.IsRoute
            ? RouteMessages.Route(buffer, add ? RouteMessages.NewRoute : RouteMessages.DeleteRoute, entry.InterfaceIndex, entry.Address, entry.PrefixLength)
            : RouteMessages.Address(buffer, add ? RouteMessages.NewAddress : RouteMessages.DeleteAddress, entry.InterfaceIndex, entry.Address, entry.PrefixLength);
    }

    private static bool IsAlreadyGone(int errno) =>
        errno == LibC.ENODEV || errno == LibC.EADDRNOTAVAIL || errno == LibC.ESRCH || errno == LibC.ENOENT;

    private static void ValidatePrefix(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        int bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
    }

    private static bool IsNetworkAddress(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        for (int bit = prefixLength; bit < length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
