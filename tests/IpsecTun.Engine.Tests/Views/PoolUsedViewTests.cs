using System.Net;
using IpsecTun.Engine.Server;
using IpsecTun.Engine.Views;

namespace IpsecTun.Engine.Tests.Views;

public sealed class PoolUsedViewTests
{
    [Fact]
    public void Leases_show_by_pool_and_address_with_their_owner_and_ipv6_prefixes_with_their_length()
    {
        AddressLease[] leases =
        [
            new("rw", "rw", IPAddress.Parse("10.77.0.20"), 32, "bob@example.com"),
            new("rw6", "rw6", IPAddress.Parse("fd77:0:0:1::"), 64, "carol@example.com"),
            new("rw", "rw", IPAddress.Parse("10.77.0.9"), 32, "alice@example.com"),
            new("rw6", "rw6", IPAddress.Parse("fd77::5"), 128, "dave@example.com"),
        ];

        var rows = PoolUsedView.Build(leases);

        Assert.Equal(["10.77.0.9", "10.77.0.20", "fd77::5", "fd77:0:0:1::/64"], rows.Select(r => RowAssert.Value(r, "address")));
        Assert.Equal(["rw", "rw", "rw6", "rw6"], rows.Select(r => RowAssert.Value(r, "pool")));
        Assert.Equal("alice@example.com", RowAssert.Value(rows[0], "owner"));
        Assert.Equal("carol@example.com", RowAssert.Value(rows[3], "owner"));
        Assert.All(rows, r => Assert.Equal("", r.Flags));
    }
}
