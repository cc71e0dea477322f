using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// Checks the peer's IKE_AUTH: its ID against the remote ID, its method against the one configured for
/// it, then either the shared-key AUTH or its certificate (trust, validity, ID binding) and signature.
/// Each failure comes back as the reason a log line gives.
/// </summary>
internal static class PeerAuthenticator
{
    /// <summary>
    /// Whether the peer with <paramref name="id"/> proved it by <paramref name="auth"/> over <paramref name="signedOctets"/>
    /// (<see cref="SignedOctets"/>); <paramref name="outcome"/> says what authenticated it, or why it did not.
    /// </summary>
    public static bool TryVerify(
        IkeSaSettings settings, IdentificationPayload id, PeerCertificates certificates, AuthenticationPayload auth, PrfAlgorithm prf,
        byte[] signedOctets, DateTimeOffset now, out string outcome)
    {
        string described = new IkeIdentity(id.IdType, id.Data).Describe();
        bool matchByCertificate = settings.PeerValidation?.MatchBy == PeerMatch.Certificate;
        if (!matchByCertificate && settings.RemoteId is { } expected && !expected.Matches(id))
        {
            outcome = $"peer identity {described} does not match the expected {expected.Describe()}";
            return false;
        }

        IkeAuthMethod used = auth.Method == AuthMethod.SharedKeyMessageIntegrityCode ? IkeAuthMethod.PreSharedKey : IkeAuthMethod.DigitalSignature;
        if (used != settings.ExpectedRemoteAuthMethod)
        {
            outcome = $"peer {described} authenticates with {auth.Method}, but {settings.ExpectedRemoteAuthMethod} is configured for it";
            return false;
        }

        return used == IkeAuthMethod.PreSharedKey
            ? VerifySharedKey(settings, described, auth, prf, signedOctets, out outcome)
            : VerifySignature(settings, id, described, certificates, auth, signedOctets, now, out outcome);
    }

    private static bool VerifySharedKey(IkeSaSettings settings, string described, AuthenticationPayload auth, PrfAlgorithm prf, byte[] signedOctets, out string outcome)
    {
        if (settings.PreSharedKey.Secret.IsEmpty)
        {
            outcome = $"peer {described} authenticates with a pre-shared key, but none is configured";
            return false;
        }

        byte[] computed = PskAuthentication.Compute(prf, settings.PreSharedKey.Secret, signedOctets);
        if (!CryptographicOperations.FixedTimeEquals(computed, auth.Data.Span))
        {
            outcome = $"pre-shared key AUTH of {described} does not verify (mismatched secret)";
            return false;
        }

        outcome = $"{described} authenticated with a pre-shared key";
        return true;
    }

    private static bool VerifySignature(
        IkeSaSettings settings, IdentificationPayload id, string described, PeerCertificates certificates, AuthenticationPayload auth, byte[] signedOctets,
        DateTimeOffset now, out string outcome)
    {
        PeerCertificateValidation? validation = settings.PeerValidation;
        X509Certificate2? endEntity = certificates.EndEntity ?? validation?.RemoteCertificate;
        string? problem = validation is null ? $"peer {described} signs, but no CA or remote certificate is configured to check it"
            : certificates.Error is { } error ? error
            : endEntity is null ? $"peer {described} sent no certificate and none is configured for it"
            : validation.MatchBy == PeerMatch.Certificate && validation.RemoteCertificate is null ? "match-by certificate needs a remote certificate"
            : null;
        if (problem is not null)
        {
            outcome = problem;
            return false;
        }

        bool checksId = validation!.MatchBy != PeerMatch.Certificate && validation.RequireIdInCertificate;
        string? reason = null;
        bool verified = SignatureScheme.TryFromAuth(auth, out SignatureScheme? scheme, out ReadOnlyMemory<byte> signature, out reason)
            && CertificateValidator.TryValidate(endEntity!, certificates.Intermediates, validation, now, out reason)
            && (!checksId || CertificateIdentity.Matches(id, endEntity!, out reason))
            && scheme.Verify(endEntity!, signedOctets, signature.Span, out reason);
        outcome = verified ? $"{described} authenticated with {scheme} by certificate {endEntity!.Subject}" : reason!;
        return verified;
    }
}
