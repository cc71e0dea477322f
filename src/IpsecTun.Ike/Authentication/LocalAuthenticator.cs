using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Authentication;

/// <summary>This side's CERT and AUTH payloads for IKE_AUTH, by the configured auth method.</summary>
internal static class LocalAuthenticator
{
    /// <summary>Why this side cannot authenticate with its settings, or null when it can.</summary>
    public static string? Problem(IkeSaSettings settings) =>
        settings.AuthMethod == IkeAuthMethod.DigitalSignature && settings.Certificate is null
            ? "digital-signature authentication is configured without a certificate"
            : null;

    /// <summary>The CERT payloads with our chain, chosen by the CAs the peer asked for.</summary>
    public static IEnumerable<CertificatePayload> Certificates(IkeSaSettings settings, IReadOnlySet<string> requestedCas) =>
        settings.AuthMethod == IkeAuthMethod.DigitalSignature && settings.Certificate is { } local
            ? CertificateAuthorities.ChainToSend(local, requestedCas).Select(c => new CertificatePayload(CertificateEncoding.X509Signature, c.RawData))
            : [];

    /// <summary>
    /// Our AUTH over <paramref name="signedOctets"/>: the shared-key MIC or a signature the peer can check; false with
    /// the reason when our credentials cannot make one (no certificate, a key that cannot sign or is not the certificate's).
    /// </summary>
    public static bool TryAuth(
        IkeSaSettings settings, PrfAlgorithm prf, byte[] signedOctets, IReadOnlySet<HashAlgorithmName>? peerHashes,
        [NotNullWhen(true)] out AuthenticationPayload? auth, [NotNullWhen(false)] out string? problem)
    {
        if (settings.AuthMethod == IkeAuthMethod.PreSharedKey)
        {
            auth = new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, PskAuthentication.Compute(prf, settings.PreSharedKey.Secret, signedOctets));
            problem = null;
            return true;
        }

        if (settings.Certificate is not { } local)
        {
            auth = null;
            problem = Problem(settings)!;
            return false;
        }

        return SignatureScheme.ForLocal(local, peerHashes).TrySign(local, signedOctets, out auth, out problem);
    }
}
