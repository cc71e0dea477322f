namespace IpsecTun.Ike.Sa;

/// <summary>Why an IKE SA or a Child SA negotiation failed, whichever side noticed it; the log lines say the details.</summary>
public enum IkeSaFailure
{
    /// <summary>No common proposal, transform or key exchange group (NO_PROPOSAL_CHOSEN either way, or an answer we did not offer).</summary>
    NoProposalChosen,

    /// <summary>A peer's AUTH, certificate or ID was refused here, or the peer refused ours (AUTHENTICATION_FAILED).</summary>
    AuthenticationFailed,

    /// <summary>The peer never answered: unreachable, or dead once the retransmissions of a request ran out.</summary>
    Timeout,

    /// <summary>The traffic selectors do not fit the policies (TS_UNACCEPTABLE either way, or an answer that widened them).</summary>
    TsUnacceptable,

    /// <summary>The peer asked to try again later (TEMPORARY_FAILURE), e.g. while it rekeys.</summary>
    TemporaryFailure,

    /// <summary>Anything else: a malformed or inconsistent answer, a refused key exchange value, another error Notify.</summary>
    ProtocolError,
}
