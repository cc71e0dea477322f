using System.Net;
using IpsecTun.Config;
using IpsecTun.Engine.Server;

namespace IpsecTun.Engine.Tests.Server;

public sealed class AddressPoolAllocatorTests
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(30);

    private readonly PoolClock _clock = new();

    [Fact]
    public void Clients_get_distinct_addresses_from_the_range_in_order()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "192.168.77.2-192.168.77.4"));

        Assert.Equal("192.168.77.2", Lease(pools, "rw", "alice").Address.ToString());
        Assert.Equal("192.168.77.3", Lease(pools, "rw", "bob").Address.ToString());
        AddressLease carol = Lease(pools, "rw", "carol");
        Assert.Equal("192.168.77.4", carol.Address.ToString());
        Assert.Equal(32, carol.PrefixLength);
        Assert.Equal(3, pools.ActiveLeases.Count);
    }

    [Fact]
    public void Leasing_again_while_connected_returns_the_same_address()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1-10.0.0.9"));
        AddressLease first = Lease(pools, "rw", "alice");

        Assert.Equal(first, Lease(pools, "rw", "alice"));
        Assert.Single(pools.ActiveLeases);
    }

    [Fact]
    public void A_client_reconnecting_after_release_gets_its_address_back_while_remembered()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1-10.0.0.9"));
        AddressLease alice = Lease(pools, "rw", "alice");
        pools.Release(alice);
        Assert.Empty(pools.ActiveLeases);

        Lease(pools, "rw", "bob");
        Lease(pools, "rw", "carol");
        _clock.Advance(RememberFor - TimeSpan.FromSeconds(1));

        Assert.Equal(alice.Address, Lease(pools, "rw", "alice").Address);
    }

    [Fact]
    public void A_remembered_address_is_not_given_to_another_client_while_others_are_free()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1-10.0.0.3"));
        AddressLease alice = Lease(pools, "rw", "alice");
        pools.Release(alice);

        Assert.NotEqual(alice.Address, Lease(pools, "rw", "bob").Address);
        Assert.NotEqual(alice.Address, Lease(pools, "rw", "carol").Address);
    }

    [Fact]
    public void After_the_remembering_ends_the_address_is_anybodys()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1-10.0.0.1"));
        AddressLease alice = Lease(pools, "rw", "alice");
        pools.Release(alice);
        _clock.Advance(RememberFor + TimeSpan.FromSeconds(1));

        AddressLease bob = Lease(pools, "rw", "bob");
        Assert.Equal(alice.Address, bob.Address);
        Assert.Equal([bob], pools.ActiveLeases);
    }

    [Fact]
    public void When_nothing_else_is_free_the_oldest_remembered_address_is_reused()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1-10.0.0.2"));
        AddressLease alice = Lease(pools, "rw", "alice");
        AddressLease bob = Lease(pools, "rw", "bob");
        pools.Release(alice);
        _clock.Advance(TimeSpan.FromMinutes(1));
        pools.Release(bob);

        Assert.Equal(alice.Address, Lease(pools, "rw", "carol").Address);
        Assert.NotEqual(alice.Address, Lease(pools, "rw", "alice").Address);
    }

    [Fact]
    public void An_exhausted_pool_continues_in_its_next_pool()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1", next: "spare"), Pool("spare", "10.9.0.0/30"));
        Lease(pools, "rw", "alice");
        AddressLease bob = Lease(pools, "rw", "bob");

        Assert.Equal("spare", bob.Pool);
        Assert.Equal("rw", bob.RequestedPool);
        Assert.Equal("10.9.0.0", bob.Address.ToString());
    }

    [Fact]
    public void Exhaustion_is_reported_with_every_pool_of_the_chain()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1", next: "spare"), Pool("spare", "10.9.0.1-10.9.0.2", next: "rw"));
        Lease(pools, "rw", "a");
        Lease(pools, "rw", "b");
        Lease(pools, "rw", "c");

        Assert.False(pools.TryLease("rw", "d", out AddressLease? lease, out string? error));
        Assert.Null(lease);
        Assert.Equal("address pool \"rw\" is exhausted: \"rw\" (1 addresses), then \"spare\" (2 addresses) all leased", error);
    }

    [Fact]
    public void An_unknown_pool_is_reported()
    {
        AddressPoolAllocator pools = Create(Pool("rw", "10.0.0.1"));
        Assert.False(pools.TryLease("nope", "alice", out _, out string? error));
        Assert.Contains("\"nope\" does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_pools_hand_out_aligned_prefixes_of_the_lease_length()
    {
        AddressPoolAllocator pools = Create(64, Pool("v6", "2001:db8:0:0::5-2001:db8:0:3:ffff:ffff:ffff:ffff"));

        AddressLease alice = Lease(pools, "v6", "alice");
        AddressLease bob = Lease(pools, "v6", "bob");

        // The first /64 is only partly inside the range, so leases start at the next whole one.
        Assert.Equal(IPAddress.Parse("2001:db8:0:1::"), alice.Address);
        Assert.Equal(64, alice.PrefixLength);
        Assert.Equal(IPAddress.Parse("2001:db8:0:2::"), bob.Address);
        Lease(pools, "v6", "carol");
        Assert.False(pools.TryLease("v6", "dave", out _, out string? error));
        Assert.Contains("(3 addresses)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_ipv6_range_leases_single_addresses_without_walking_it()
    {
        AddressPoolAllocator pools = Create(Pool("v6", "fd00::/64"));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(IPAddress.Parse($"fd00::{i:x}"), Lease(pools, "v6", $"client{i}").Address);
        }

        Assert.Equal(128, pools.ActiveLeases[0].PrefixLength);
    }

    [Fact]
    public void Leases_are_per_requested_pool()
    {
        AddressPoolAllocator pools = Create(Pool("a", "10.0.0.1-10.0.0.5"), Pool("b", "10.1.0.1-10.1.0.5"));
        Assert.Equal("10.0.0.1", Lease(pools, "a", "alice").Address.ToString());
        Assert.Equal("10.1.0.1", Lease(pools, "b", "alice").Address.ToString());
        Assert.Equal(2, pools.ActiveLeases.Count);
    }

    private AddressPoolAllocator Create(params AddressPool[] pools) => Create(128, pools);

    private AddressPoolAllocator Create(int ipv6PrefixLength, params AddressPool[] pools) => new(pools, _clock, RememberFor, ipv6PrefixLength);

    private static AddressLease Lease(AddressPoolAllocator pools, string pool, string identity)
    {
        Assert.True(pools.TryLease(pool, identity, out AddressLease? lease, out string? error), error);
        return lease;
    }

    private static AddressPool Pool(string name, string ranges, string? next = null) =>
        new(name, [.. ranges.Split(',').Select(Range)], next, null);

    private static AddressRange Range(string text)
    {
        if (text.Contains('/', StringComparison.Ordinal))
        {
            IPNetwork network = IPNetwork.Parse(text);
            byte[] last = network.BaseAddress.GetAddressBytes();
            int hostBits = last.Length * 8 - network.PrefixLength;
            for (int i = last.Length - 1; hostBits > 0; i--, hostBits -= 8)
            {
                last[i] |= (byte)(hostBits >= 8 ? 0xFF : (1 << hostBits) - 1);
            }

            return new AddressRange(network.BaseAddress, new IPAddress(last));
        }

        string[] ends = text.Split('-');
        return new AddressRange(IPAddress.Parse(ends[0]), IPAddress.Parse(ends[^1]));
    }
}
