namespace IpsecTun.Ike.Sa;

/// <summary>Where an IKE SA stands.</summary>
public enum IkeSaState
{
    /// <summary>Nothing sent or received yet.</summary>
    Created,

    /// <summary>Initiator: IKE_SA_INIT request sent.</summary>
    InitSent,

    /// <summary>Keys derived; IKE_AUTH not yet completed.</summary>
    Authenticating,

    /// <summary>Both peers authenticated.</summary>
    Established,

    /// <summary>
    /// Replaced by a rekeyed IKE SA that owns the Child SAs now; it only answers INFORMATIONAL requests
    /// (the delete of it) and refuses new exchanges with TEMPORARY_FAILURE.
    /// </summary>
    Rekeyed,

    /// <summary>A delete of the IKE SA is under way.</summary>
    Deleting,

    /// <summary>Deleted by either side or the peer declared dead; nothing more is sent.</summary>
    Closed,

    /// <summary>Negotiation failed; nothing more is sent.</summary>
    Failed,
}
