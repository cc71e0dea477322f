using IpsecTun.Engine.Control;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Names why a negotiation failed from what the IKE SA reported: its typed failure when authentication
/// failed (either side's credentials or checks), else a notify the peer sent or the check that failed here,
/// read from its log lines. Anything else that ended it (no answer, a peer declared dead) counts as a timeout.
/// </summary>
internal static class ConnectFailure
{
    private static readonly string[] NoProposal = ["NoProposalChosen", "no suitable proposal", "chose a proposal we did not offer"];

    private static readonly string[] Authentication =
        ["AuthenticationFailed", "does not verify", "does not match the expected", "only a pre-shared key is configured", "no identity matches"];

    public static ConnectOutcome Classify(IkeSaFailure? failure, IEnumerable<string> diagnostics)
    {
        if (failure is not null)
        {
            return new ConnectOutcome(ConnectResult.AuthenticationFailed, $"authentication failed: {failure.Reason}");
        }

        foreach (string line in diagnostics.Reverse())
        {
            if (NoProposal.Any(p => line.Contains(p, StringComparison.Ordinal)))
            {
                return new ConnectOutcome(ConnectResult.NoProposalChosen, $"no proposal chosen: {line}");
            }

            if (Authentication.Any(p => line.Contains(p, StringComparison.Ordinal)))
            {
                return new ConnectOutcome(ConnectResult.AuthenticationFailed, $"authentication failed: {line}");
            }
        }

        return new ConnectOutcome(ConnectResult.Timeout, "the peer did not answer");
    }
}
