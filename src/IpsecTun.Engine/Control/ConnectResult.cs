namespace IpsecTun.Engine.Control;

/// <summary>How a connect ended; each value maps onto one exit code of the command line.</summary>
public enum ConnectResult
{
    Established,

    /// <summary>No peer of that name is configured.</summary>
    UnknownPeer,

    /// <summary>NO_PROPOSAL_CHOSEN in phase 1 or phase 2, or no acceptable key exchange group.</summary>
    NoProposalChosen,

    /// <summary>AUTHENTICATION_FAILED from either side, or an identity that does not match.</summary>
    AuthenticationFailed,

    /// <summary>The peer did not answer before the timeout, or its address could not be resolved.</summary>
    Timeout,
}
