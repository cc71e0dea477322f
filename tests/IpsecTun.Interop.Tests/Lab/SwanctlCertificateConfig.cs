using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>swanctl.conf text for site-to-site connections authenticated with certificates.</summary>
internal static class SwanctlCertificateConfig
{
    /// <summary>
    /// A site-to-site connection signing with <paramref name="certificate"/> (a file in swanctl's x509/ folder, its key in
    /// private/, the CA in x509ca/); <paramref name="localId"/> null takes the certificate's subject.
    /// </summary>
    public static string SiteToSite(
        IPAddress local, IPAddress remote, string localTs, string remoteTs, IkeSuite suite, string certificate, string? localId, string remoteId) => $$"""
        connections {
          s2s {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{remote}}
            proposals = {{suite.StrongSwanIke}}
            encap = yes
            dpd_delay = 0s
            local { auth = pubkey
                    certs = {{certificate}}
                    {{(localId is null ? "" : $"id = \"{localId}\"")}} }
            remote { auth = pubkey
                     id = "{{remoteId}}" }
            children {
              net {
                local_ts = {{localTs}}
                remote_ts = {{remoteTs}}
                esp_proposals = {{suite.StrongSwanEsp}}
                start_action = none
              }
            }
          }
        }
        """;
}
