namespace IpsecTun.Ike.Sa;

/// <summary>
/// Why an IKE SA or a Child SA negotiation failed, whichever side noticed it, as far as the host acts on it (the
/// connect command's exit code); the failure's reason and the log lines say the details.
/// </summary>
public enum IkeSaFailureKind
{
    /// <summary>This side cannot prove its identity: no certificate, or a private key that does not sign or does not belong to the certificate.</summary>
    OwnCredentials,

    /// <summary>The peer's ID, certificate or AUTH did not pass our checks, or no identity matches it.</summary>
    PeerNotAuthenticated,

    /// <summary>The peer answered AUTHENTICATION_FAILED.</summary>
    RejectedByPeer,

    /// <summary>No common proposal, transform or key exchange group (NO_PROPOSAL_CHOSEN either way, or an answer we did not offer).</summary>
    NoProposalChosen,

    /// <summary>The peer never answered: unreachable, or dead once the retransmissions of a request ran out.</summary>
    Timeout,

    /// <summary>The traffic selectors do not fit the policies (TS_UNACCEPTABLE either way, or an answer that widened them).</summary>
    TsUnacceptable,

    /// <summary>The peer asked to try again later (TEMPORARY_FAILURE), e.g. while it rekeys.</summary>
    TemporaryFailure,

    /// <summary>Anything else: a malformed or inconsistent answer, a refused key exchange value, another error Notify.</summary>
    ProtocolError,
}
