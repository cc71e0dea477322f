using System.Net.Sockets;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Server;

namespace IpsecTun.Engine.Views;

/// <summary>
/// The addresses mode-config leased to clients, as RouterOS's <c>/ip pool used</c> lists them: the pool the address
/// came from, the address (an IPv6 prefix lease with its length) and its owner, the client's authenticated
/// identity; by pool, then address. A released address kept for a reconnecting client is not in use, so it is
/// not listed.
/// </summary>
public static class PoolUsedView
{
    public static IReadOnlyList<ViewRow> Build(IEnumerable<AddressLease> leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        return [.. leases
            .OrderBy(l => l.Pool, StringComparer.Ordinal)
            .ThenBy(l => l.Address.GetAddressBytes(), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .Select(l => new RowBuilder().Add("pool", l.Pool).Add("address", Address(l)).Add("owner", l.Identity).Build())];
    }

    private static string Address(AddressLease lease) =>
        lease.Address.AddressFamily == AddressFamily.InterNetworkV6 && lease.PrefixLength < 128 ? $"{lease.Address}/{lease.PrefixLength}" : lease.Address.ToString();
}
