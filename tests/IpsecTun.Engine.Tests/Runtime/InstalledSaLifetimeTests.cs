using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>installed-sa shows the lifetimes the IKE SA keeps for each Child SA (the test plans configure 1h).</summary>
public sealed class InstalledSaLifetimeTests
{
    [Fact]
    public void Installed_sas_show_the_soft_and_hard_lifetime_and_count_down_to_the_soft_one()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        pair.ClientToGateway("install");

        IReadOnlyList<ViewRow> rows = pair.Client.Show(ViewMenu.InstalledSa, withKeys: false);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("54m/1h", EndpointTrafficTests.Value(row, "add-lifetime")));
        Assert.All(rows, row => Assert.Equal("54m", EndpointTrafficTests.Value(row, "expires-in")));

        pair.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.All(pair.Client.Show(ViewMenu.InstalledSa, withKeys: false), row => Assert.Equal("44m", EndpointTrafficTests.Value(row, "expires-in")));

        // Counted down in whole seconds, as RouterOS shows it.
        pair.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.All(pair.Client.Show(ViewMenu.InstalledSa, withKeys: false), row => Assert.Equal("43m58s", EndpointTrafficTests.Value(row, "expires-in")));
    }
}
