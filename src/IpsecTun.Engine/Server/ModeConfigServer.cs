using System.Net;
using System.Net.Sockets;
using IpsecTun.Config;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Server;

/// <summary>
/// What a responder's mode-config (responder=yes) gives one client: a single <c>address</c> or a lease from its
/// <c>address-pool</c> (held per client identity in an <see cref="AddressPoolAllocator"/>, so a client that
/// reconnects gets its address back), <c>address-prefix-length</c> as the netmask, <c>static-dns</c> or the
/// <c>ip.dns</c> servers with <c>system-dns</c>, and <c>split-include</c>. Leases are released by address once
/// no IKE SA holds it any more (delete, DPD, replacement). A reload with other pools starts a new allocator.
/// </summary>
/// <remarks>Called on the endpoint's IKE thread only.</remarks>
public sealed class ModeConfigServer(TimeProvider time, TimeSpan rememberFor)
{
    /// <summary>How long RouterOS-like servers keep a released address for its client by default.</summary>
    public static readonly TimeSpan DefaultRememberFor = TimeSpan.FromHours(1);

    private readonly Dictionary<IPAddress, AddressLease> _leases = [];
    private AddressPoolAllocator? _allocator;
    private string? _poolsKey;

    /// <summary>The leases clients hold now.</summary>
    public IReadOnlyCollection<AddressLease> Leases => _leases.Values;

    /// <summary>
    /// The answer for <paramref name="client"/> under <paramref name="identity"/>, or null when the identity has no
    /// responder mode-config. An exhausted pool gives a result without addresses and says why in <paramref name="problem"/>.
    /// </summary>
    public ModeConfigResult? Assign(IpsecConfiguration configuration, Identity identity, IkeIdentity client, ModeConfigRequest requested, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requested);
        problem = null;
        if (identity.ModeConfig is not { } name || configuration.ModeConfigs.FirstOrDefault(m => m.Name == name) is not { Responder: true } modeConfig)
        {
            return null;
        }

        var addresses = new List<IPAddress>();
        int ip6Length = 128;
        if (modeConfig.Address is { } single)
        {
            addresses.Add(single);
        }
        else if (modeConfig.AddressPool is { } pool && Wants(configuration, pool, requested))
        {
            if (Allocator(configuration).TryLease(pool, client.Describe(), out AddressLease? lease, out string? error))
            {
                _leases[lease.Address] = lease;
                addresses.Add(lease.Address);
                ip6Length = lease.Address.AddressFamily == AddressFamily.InterNetworkV6 ? lease.PrefixLength : 128;
            }
            else
            {
                problem = error;
            }
        }

        IReadOnlyList<IPAddress> dns = modeConfig.SystemDns ? configuration.Dns.Servers : modeConfig.StaticDns;
        return new ModeConfigResult(addresses, dns, modeConfig.SplitInclude, modeConfig.AddressPrefixLength, ip6Length);
    }

    /// <summary>Ends the lease of <paramref name="address"/>, if one is held; the address stays reserved for its client a while.</summary>
    public void Release(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_leases.Remove(address, out AddressLease? lease))
        {
            _allocator?.Release(lease);
        }
    }

    /// <summary>Only a pool of a family the client asked an address of is leased from, so no address is held unsent.</summary>
    private static bool Wants(IpsecConfiguration configuration, string pool, ModeConfigRequest requested)
    {
        AddressPool? entry = configuration.Pools.FirstOrDefault(p => p.Name == pool);
        bool ip6 = entry is { Ranges.Length: > 0 } && entry.Ranges[0].First.AddressFamily == AddressFamily.InterNetworkV6;
        return ip6 ? requested.Ip6Address : requested.Ip4Address;
    }

    private AddressPoolAllocator Allocator(IpsecConfiguration configuration)
    {
        string key = string.Join(";", configuration.Pools.Select(p => $"{p.Name}={string.Join(",", p.Ranges)}>{p.NextPool}"));
        if (_allocator is null || key != _poolsKey)
        {
            _allocator = new AddressPoolAllocator(configuration.Pools, time, rememberFor);
            _poolsKey = key;
            _leases.Clear();
        }

        return _allocator;
    }
}
