using System.Security.Cryptography;
using IpsecTun.Ike.Authentication;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>What IKE_SA_INIT carries for IKE_AUTH: SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4) and CERTREQ.</summary>
public sealed partial class IkeSa
{
    /// <summary>The hashes the peer announced for RFC 7427 signatures; null when it announced none.</summary>
    internal IReadOnlySet<HashAlgorithmName>? PeerSignatureHashes { get; private set; }

    /// <summary>The SHA-1 key hashes of the CAs the peer asked for in its CERTREQ payloads.</summary>
    internal IReadOnlySet<string> PeerRequestedCas { get; private set; } = new HashSet<string>();

    /// <summary>Our SIGNATURE_HASH_ALGORITHMS and, from the responder, CERTREQ.</summary>
    internal void AddInitAuthenticationPayloads(List<Payload> payloads)
    {
        IReadOnlyList<HashAlgorithmName> hashes = Settings.PeerValidation?.AnnouncedHashes ?? PeerCertificateValidation.Sha2;
        if (SignatureHashes.Notify(hashes) is { } notify)
        {
            payloads.Add(notify);
        }

        if (!IsInitiator && CertificateAuthorities.Request(Settings) is { } request)
        {
            payloads.Add(request);
        }
    }

    /// <summary>
    /// Notes what the peer's IKE_SA_INIT message says about authentication; false (logged) when an initiator
    /// cannot authenticate with its settings and so stops before IKE_AUTH (a responder checks its own once
    /// IKE_AUTH has chosen the identity).
    /// </summary>
    internal bool ReadInitAuthenticationPayloads(IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        PeerSignatureHashes = SignatureHashes.Announced(payloads);
        ReadCertificateRequests(payloads);
        if (IsInitiator && LocalAuthenticator.Problem(Settings) is { } problem)
        {
            NoteFailure(IkeSaFailureKind.OwnCredentials, problem, output);
            return false;
        }

        return true;
    }

    /// <summary>Adds the CAs of the CERTREQ payloads in <paramref name="payloads"/> to those the peer asked for.</summary>
    internal void ReadCertificateRequests(IReadOnlyList<Payload> payloads) =>
        PeerRequestedCas = PeerRequestedCas.Union(CertificateAuthorities.Requested(payloads)).ToHashSet();
}
