using IpsecTun.Engine.Control;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Maps the reason an IKE SA or Child SA negotiation failed onto a connect result (and with it the command
/// line's exit code), with the last line the SA logged as the detail. A selector mismatch counts as no
/// proposal chosen (the policies do not match); no reason, a timeout and anything else as the peer not answering.
/// </summary>
internal static class ConnectFailure
{
    public static ConnectOutcome Classify(IkeSaFailure? failure, IEnumerable<string> diagnostics)
    {
        string detail = diagnostics.LastOrDefault() is { } line ? $": {line}" : "";
        return failure switch
        {
            IkeSaFailure.NoProposalChosen => new ConnectOutcome(ConnectResult.NoProposalChosen, $"no proposal chosen{detail}"),
            IkeSaFailure.TsUnacceptable => new ConnectOutcome(ConnectResult.NoProposalChosen, $"traffic selectors unacceptable{detail}"),
            IkeSaFailure.AuthenticationFailed => new ConnectOutcome(ConnectResult.AuthenticationFailed, $"authentication failed{detail}"),
            IkeSaFailure.TemporaryFailure or IkeSaFailure.ProtocolError => new ConnectOutcome(ConnectResult.Timeout, $"negotiation failed ({failure}){detail}"),
            _ => new ConnectOutcome(ConnectResult.Timeout, "the peer did not answer"),
        };
    }
}
