using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>swanctl.conf text for the lab's connections.</summary>
internal static class SwanctlConfig
{
    /// <summary>A site-to-site connection authenticated with a pre-shared key, ESP in UDP (what kernel-libipsec supports).</summary>
    public static string SiteToSitePsk(
        IPAddress local, IPAddress remote, string localTs, string remoteTs, string ikeProposal, string espProposal, string psk,
        string rekeyTime = "4h", string childRekeyTime = "1h", string dpdDelay = "0s") => $$"""
        connections {
          s2s {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{remote}}
            proposals = {{ikeProposal}}
            encap = yes
            rekey_time = {{rekeyTime}}
            dpd_delay = {{dpdDelay}}
            local { auth = psk
                    id = {{local}} }
            remote { auth = psk
                     id = {{remote}} }
            children {
              net {
                local_ts = {{localTs}}
                remote_ts = {{remoteTs}}
                esp_proposals = {{espProposal}}
                rekey_time = {{childRekeyTime}}
                dpd_action = restart
                start_action = none
              }
            }
          }
        }
        secrets {
          ike-lab {
            id-1 = {{local}}
            id-2 = {{remote}}
            secret = "{{psk}}"
          }
        }
        """;
}
