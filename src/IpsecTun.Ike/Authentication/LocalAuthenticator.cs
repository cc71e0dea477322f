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

    /// <summary>Our AUTH over <paramref name="signedOctets"/>: the shared-key MIC or a signature the peer can check.</summary>
    public static AuthenticationPayload Auth(IkeSaSettings settings, PrfAlgorithm prf, byte[] signedOctets, IReadOnlySet<HashAlgorithmName>? peerHashes)
    {
        if (settings.AuthMethod == IkeAuthMethod.PreSharedKey)
        {
            return new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, PskAuthentication.Compute(prf, settings.PreSharedKey.Secret, signedOctets));
        }

        LocalCertificate local = settings.Certificate ?? throw new InvalidOperationException(Problem(settings));
        return SignatureScheme.ForLocal(local, peerHashes).Sign(local.PrivateKey, signedOctets);
    }
}
