using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// Checks the peer's certificate: a configured remote certificate is trusted as it is, any other must
/// chain to a configured CA (X509Chain with custom root trust, the intermediates the peer sent, no
/// downloads) or, when allowed, to a root of the system store. Validity is judged at the injected clock's time, never the machine's.
/// </summary>
internal static class CertificateValidator
{
    public static bool TryValidate(
        X509Certificate2 endEntity, IEnumerable<X509Certificate2> intermediates, PeerCertificateValidation validation, DateTimeOffset now,
        [NotNullWhen(false)] out string? reason)
    {
        if (validation.RemoteCertificate is { } pinned)
        {
            if (!endEntity.RawDataMemory.Span.SequenceEqual(pinned.RawDataMemory.Span))
            {
                reason = $"peer certificate {endEntity.Subject} is not the configured remote certificate {pinned.Subject}";
                return false;
            }

            return IsCurrent(endEntity, now, out reason);
        }

        if (!IsCurrent(endEntity, now, out reason))
        {
            return false;
        }

        using X509Chain custom = Build(endEntity, intermediates, validation, X509ChainTrustMode.CustomRootTrust, now, out bool trusted);
        if (trusted || AnchoredAtConfiguredIntermediate(custom, validation))
        {
            return true;
        }

        if (validation.UseSystemTrust)
        {
            using X509Chain system = Build(endEntity, intermediates, validation, X509ChainTrustMode.System, now, out trusted);
            if (trusted)
            {
                return true;
            }
        }

        reason = "peer certificate not trusted: " + Explain(custom);
        return false;
    }

    private static X509Chain Build(
        X509Certificate2 endEntity, IEnumerable<X509Certificate2> intermediates, PeerCertificateValidation validation, X509ChainTrustMode mode,
        DateTimeOffset now, out bool trusted)
    {
        var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        policy.TrustMode = mode;
        policy.CustomTrustStore.AddRange(validation.TrustedCas.ToArray());
        policy.ExtraStore.AddRange(intermediates.ToArray());
        policy.RevocationMode = validation.Revocation;
        policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        policy.DisableCertificateDownloads = validation.Revocation != X509RevocationMode.Online;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        trusted = chain.Build(endEntity);
        return chain;
    }

    /// <summary>
    /// A configured CA that is not self-signed is a trust anchor as well (as in strongSwan), though X509Chain
    /// only anchors at roots: the chain counts as trusted when it passes through such a CA and nothing up to
    /// it has a fault other than the missing root.
    /// </summary>
    private static bool AnchoredAtConfiguredIntermediate(X509Chain chain, PeerCertificateValidation validation)
    {
        X509ChainElementCollection elements = chain.ChainElements;
        for (int i = 1; i < elements.Count; i++)
        {
            if (validation.TrustedCas.Any(ca => ca.RawDataMemory.Span.SequenceEqual(elements[i].Certificate.RawDataMemory.Span)))
            {
                return elements.Take(i + 1).All(e => e.ChainElementStatus.All(s =>
                    s.Status is X509ChainStatusFlags.NoError or X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot));
            }
        }

        return false;
    }

    private static bool IsCurrent(X509Certificate2 certificate, DateTimeOffset now, [NotNullWhen(false)] out string? reason)
    {
        reason = now < certificate.NotBefore.ToUniversalTime() ? $"peer certificate {certificate.Subject} is not valid before {Format(certificate.NotBefore)}"
            : now > certificate.NotAfter.ToUniversalTime() ? $"peer certificate {certificate.Subject} expired on {Format(certificate.NotAfter)}"
            : null;
        return reason is null;
    }

    private static string Explain(X509Chain chain)
    {
        X509ChainElement last = chain.ChainElements[^1];
        foreach (X509ChainElement element in chain.ChainElements)
        {
            foreach (X509ChainStatus status in element.ChainElementStatus)
            {
                switch (status.Status)
                {
                    case X509ChainStatusFlags.UntrustedRoot:
                        return $"untrusted root {last.Certificate.Subject}";
                    case X509ChainStatusFlags.PartialChain:
                        // Peers do not send their root, so this is the usual untrusted chain; it is also what an
                        // issuer signature that does not verify looks like, as the chain then stops below it.
                        return $"no trusted CA issued {last.Certificate.Subject} (issuer {last.Certificate.Issuer})";
                    case X509ChainStatusFlags.NotTimeValid:
                        return $"{element.Certificate.Subject} is outside its validity period ({Format(element.Certificate.NotBefore)} to {Format(element.Certificate.NotAfter)})";
                    case X509ChainStatusFlags.Revoked:
                        return $"{element.Certificate.Subject} is revoked";
                    case X509ChainStatusFlags.NoError:
                        break;
                    default:
                        return $"{element.Certificate.Subject}: {status.Status} ({status.StatusInformation.Trim()})";
                }
            }
        }

        return string.Join(", ", chain.ChainStatus.Select(s => s.Status));
    }

    private static string Format(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
