namespace IpsecTun.Ike.Sa;

/// <summary>Why an IKE SA failed, as far as the host acts on it (the connect command's exit code).</summary>
public enum IkeSaFailureKind
{
    /// <summary>This side cannot prove its identity: no certificate, or a private key that does not sign or does not belong to the certificate.</summary>
    OwnCredentials,

    /// <summary>The peer's ID, certificate or AUTH did not pass our checks, or no identity matches it.</summary>
    PeerNotAuthenticated,

    /// <summary>The peer answered AUTHENTICATION_FAILED.</summary>
    RejectedByPeer,
}
