using IpsecTun.Engine.Control;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Maps the typed reason an IKE SA or Child SA negotiation failed onto a connect result (and with it the command
/// line's exit code), with the failure's reason or else the last line the SA logged as the detail. A selector
/// mismatch counts as no proposal chosen (the policies do not match); either side's credentials or checks as
/// authentication; no reason, a timeout and anything else as the peer not answering.
/// </summary>
internal static class ConnectFailure
{
    public static ConnectOutcome Classify(IkeSaFailureKind? failure, string? reason, IEnumerable<string> diagnostics)
    {
        string detail = (reason ?? diagnostics.LastOrDefault()) is { } line ? $": {line}" : "";
        return failure switch
        {
            IkeSaFailureKind.NoProposalChosen => new ConnectOutcome(ConnectResult.NoProposalChosen, $"no proposal chosen{detail}"),
            IkeSaFailureKind.TsUnacceptable => new ConnectOutcome(ConnectResult.NoProposalChosen, $"traffic selectors unacceptable{detail}"),
            IkeSaFailureKind.OwnCredentials or IkeSaFailureKind.PeerNotAuthenticated or IkeSaFailureKind.RejectedByPeer =>
                new ConnectOutcome(ConnectResult.AuthenticationFailed, $"authentication failed{detail}"),
            IkeSaFailureKind.TemporaryFailure or IkeSaFailureKind.ProtocolError => new ConnectOutcome(ConnectResult.Timeout, $"negotiation failed ({failure}){detail}"),
            _ => new ConnectOutcome(ConnectResult.Timeout, "the peer did not answer"),
        };
    }
}
