using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Control;

public sealed class ReloadOutcomeTests
{
    [Fact]
    public void A_reload_with_errors_did_not_succeed()
    {
        Assert.False(new ReloadOutcome(["ipsectun.json: peer 'office': address: not an address"], 0, 0).Succeeded);
        Assert.True(new ReloadOutcome([], 2, 1).Succeeded);
    }
}
