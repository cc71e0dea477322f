using IpsecTun.Engine.Tests.Plan;
using IpsecTun.Engine.Views;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Views;

public sealed class PolicyViewTests
{
    private readonly IReadOnlyList<SecurityPolicy> policies = ConfigurationText.Plan(SiteToSitePlanTests.Json).Policies;

    [Fact]
    public void Policies_show_in_table_order_with_the_manuals_properties()
    {
        var rows = PolicyView.Build(policies);
        Assert.Equal(policies.Count, rows.Count);
        var row = rows[policies.ToList().FindIndex(p => p.Peer == "office")];
        Assert.Equal("", row.Flags);
        Assert.Equal("office", RowAssert.Value(row, "peer"));
        Assert.Equal("yes", RowAssert.Value(row, "tunnel"));
        Assert.Equal("10.1.0.0/24", RowAssert.Value(row, "src-address"));
        Assert.Equal("10.2.0.0/24", RowAssert.Value(row, "dst-address"));
        Assert.Equal(("any", "any", "all"), (RowAssert.Value(row, "src-port"), RowAssert.Value(row, "dst-port"), RowAssert.Value(row, "protocol")));
        Assert.Equal(("encrypt", "require", "esp"), (RowAssert.Value(row, "action"), RowAssert.Value(row, "level"), RowAssert.Value(row, "ipsec-protocols")));
        Assert.Equal(("203.0.113.5", "198.51.100.1"), (RowAssert.Value(row, "sa-src-address"), RowAssert.Value(row, "sa-dst-address")));
        Assert.Equal(("no-phase2", "0", "no"), (RowAssert.Value(row, "ph2-state"), RowAssert.Value(row, "ph2-count"), RowAssert.Value(row, "active")));
        Assert.Equal(("no", "no", "esp"), (RowAssert.Value(row, "dynamic"), RowAssert.Value(row, "template"), RowAssert.Value(row, "proposal")));
    }

    [Fact]
    public void Templates_disabled_entries_and_ports_are_flagged_and_named()
    {
        var rows = PolicyView.Build(policies);
        var template = rows[policies.ToList().FindIndex(p => p.Template)];
        Assert.Equal("T", template.Flags);
        Assert.Equal(("default", "::/0", "yes"), (RowAssert.Value(template, "group"), RowAssert.Value(template, "src-address"), RowAssert.Value(template, "template")));
        Assert.False(RowAssert.Has(template, "ph2-state"));

        var https = rows[policies.ToList().FindIndex(p => p.Selector.Protocol == 6)];
        Assert.Equal(("tcp", "443", "unique"), (RowAssert.Value(https, "protocol"), RowAssert.Value(https, "dst-port"), RowAssert.Value(https, "level")));
        Assert.Equal("X", rows[policies.ToList().FindIndex(p => p.Disabled)].Flags);
        Assert.Equal("discard", RowAssert.Value(rows[policies.ToList().FindIndex(p => p.Action == PolicyAction.Discard)], "action"));
    }
}
