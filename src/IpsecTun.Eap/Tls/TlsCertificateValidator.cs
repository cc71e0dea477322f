using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Tls;

namespace IpsecTun.Eap.Tls;

/// <summary>
/// Checks the other side's TLS certificate chain against the configured authorities only (not the system
/// store), and at the peer the server name. Revocation is not checked: the RADIUS and IKE deployments this
/// serves configure their CA explicitly and often have no reachable CRL.
/// </summary>
internal static class TlsCertificateValidator
{
    /// <returns>The validated end-entity certificate, or null with <paramref name="reason"/> set.</returns>
    public static X509Certificate2? Validate(
        Certificate? presented, EapTlsSettings settings, string side, bool checkServerName, out string? reason)
    {
        if (presented is null || presented.IsEmpty)
        {
            reason = $"the {side} sent no certificate";
            return null;
        }

        var list = presented.GetCertificateList();
        var leaf = X509CertificateLoader.LoadCertificate(list[0].GetEncoded());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(settings.TrustedAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        for (int i = 1; i < list.Length; i++)
        {
            chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(list[i].GetEncoded()));
        }

        try
        {
            if (!chain.Build(leaf))
            {
                string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                reason = $"the {side} certificate \"{leaf.Subject}\" is not trusted by the configured CA: {status}";
                leaf.Dispose();
                return null;
            }

            if (checkServerName && settings.ServerName is string name && !leaf.MatchesHostname(name))
            {
                reason = $"the {side} certificate \"{leaf.Subject}\" is not for \"{name}\"";
                leaf.Dispose();
                return null;
            }
        }
        finally
        {
            foreach (var extra in chain.ChainPolicy.ExtraStore)
            {
                extra.Dispose();
            }
        }

        reason = null;
        return leaf;
    }
}
