using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>A failed connect is classified from the IKE SA's typed failure, whatever its log lines say.</summary>
public sealed class ConnectFailureTests
{
    [Fact]
    public async Task Selectors_the_gateway_has_no_policy_for_end_the_connect_as_no_proposal_chosen()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(clientNet: "10.9.0.0/24"), TestPlans.Client(passive: true));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        ConnectOutcome outcome = await pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), timeout.Token);

        Assert.Equal(ConnectResult.NoProposalChosen, outcome.Result);
        Assert.StartsWith("traffic selectors unacceptable: ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_authentication_failed_with_the_reason_logged()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(psk: "the gateway's key"), TestPlans.Client(passive: true, psk: "another key"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        ConnectOutcome outcome = await pair.Client.ConnectAsync("gw", new Progress<ConnectPhase>(), timeout.Token);

        Assert.Equal(ConnectResult.AuthenticationFailed, outcome.Result);
        Assert.StartsWith("authentication failed: ", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("AuthenticationFailed", outcome.Message, StringComparison.Ordinal);
    }
}
