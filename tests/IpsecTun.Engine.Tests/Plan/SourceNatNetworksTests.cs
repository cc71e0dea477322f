using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Tests.Runtime;

namespace IpsecTun.Engine.Tests.Plan;

public sealed class SourceNatNetworksTests
{
    [Fact]
    public void The_enabled_entries_of_the_mode_configs_src_address_list_are_the_inside_networks()
    {
        var configuration = SourceNatPlans.ClientConfiguration("local-RW");

        Assert.Equal(["192.168.88.0/24"], SourceNatNetworks.For(configuration, "gw").Select(n => n.ToString()));
        Assert.True(SourceNatNetworks.AnyIn(configuration));
    }

    [Fact]
    public void A_mode_config_without_a_list_or_an_unknown_peer_has_none()
    {
        var configuration = SourceNatPlans.ClientConfiguration(null);

        Assert.Empty(SourceNatNetworks.For(configuration, "gw"));
        Assert.Empty(SourceNatNetworks.For(SourceNatPlans.ClientConfiguration("local-RW"), "elsewhere"));
        Assert.False(SourceNatNetworks.AnyIn(configuration));
    }
}
