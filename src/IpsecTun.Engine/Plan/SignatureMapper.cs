using IpsecTun.Config;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// An identity's certificate settings as Ike's: <c>certificate</c> signs AUTH; the peer's certificate must
/// chain to a CA of the certificate store, or be <c>remote-certificate</c> when one is named; with
/// <c>match-by=certificate</c> the remote certificate, not the remote ID, picks the identity, and with
/// <c>remote-id=ignore</c> the peer's ID need not name its certificate (every other remote-id must).
/// </summary>
internal sealed class SignatureMapper(CertificateStore store, PlanErrors errors)
{
    /// <summary>The identity's credentials, or null when they cannot be used (the errors are recorded).</summary>
    public SignatureCredentials? Map(Identity identity)
    {
        if (identity.Certificate is not { } name)
        {
            errors.Identity(identity, "certificate", "is required with auth-method=digital-signature: a certificate entry that has the private key");
            return null;
        }

        if (store.Local(name) is not { } local)
        {
            errors.Identity(identity, "certificate", $"\"{name}\" cannot sign (see the error on that certificate entry)");
            return null;
        }

        var remote = identity.RemoteCertificate is { } remoteName ? store.Certificate(remoteName) : null;
        if (remote is null && store.Authorities.Count == 0)
        {
            errors.Identity(identity, "remote-certificate", "is needed when no certificate entry is a CA: the peer's certificate could not be checked; add the CA that issued it as a certificate entry, or name the peer's certificate here");
            return null;
        }

        var validation = new PeerCertificateValidation(
            store.Authorities,
            remote,
            identity.MatchBy == MatchBy.Certificate ? PeerMatch.Certificate : PeerMatch.RemoteId,
            RequireIdInCertificate: identity.RemoteId.Kind != IdentityIdKind.Ignore);
        return new SignatureCredentials(local, validation);
    }
}
