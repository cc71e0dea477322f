namespace IpsecTun.Ike.Settings;

/// <summary>What identifies the peer (match-by).</summary>
public enum PeerMatch
{
    /// <summary>Its ID: equal to the remote ID when one is configured, and named by its certificate.</summary>
    RemoteId,

    /// <summary>Its certificate: it must be <see cref="PeerCertificateValidation.RemoteCertificate"/>; the ID is not checked.</summary>
    Certificate,
}
