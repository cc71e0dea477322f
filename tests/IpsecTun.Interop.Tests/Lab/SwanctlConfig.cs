using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>swanctl.conf text for the lab's connections.</summary>
internal static class SwanctlConfig
{
    /// <summary>
    /// A site-to-site connection authenticated with a pre-shared key, ESP in UDP (what kernel-libipsec supports):
    /// the Child SA "net" and, with <paramref name="secondTs"/>, a second one "net2" between those networks.
    /// </summary>
    public static string SiteToSitePsk(
        IPAddress local, IPAddress remote, string localTs, string remoteTs, string ikeProposal, string espProposal, string psk,
        string rekeyTime = "4h", string childRekeyTime = "1h", string dpdDelay = "0s", (string Local, string Remote)? secondTs = null) => $$"""
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
              {{SecondChild(secondTs, espProposal, childRekeyTime)}}
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

    private static string SecondChild((string Local, string Remote)? ts, string espProposal, string rekeyTime) => ts is { } second
        ? $"net2 {{\n local_ts = {second.Local}\n remote_ts = {second.Remote}\n esp_proposals = {espProposal}\n rekey_time = {rekeyTime}\n }}"
        : "";

    /// <summary>
    /// A road-warrior gateway: any client authenticated with the pre-shared key gets an address from the pool
    /// <paramref name="pool"/>, the DNS server, the internal domain (attribute 25, INTERNAL_DNS_DOMAIN) and
    /// <paramref name="localTs"/> as INTERNAL_IP4_SUBNET (what strongSwan sends for a split-include network),
    /// and a Child SA from that network to its virtual address.
    /// </summary>
    public static string RoadWarriorGateway(
        IPAddress local, string localTs, string pool, IPAddress dns, string domain, string ikeProposal, string espProposal, string psk) => $$"""
        connections {
          rw {
            version = 2
            local_addrs = {{local}}
            remote_addrs = %any
            proposals = {{ikeProposal}}
            encap = yes
            pools = rw-pool
            local { auth = psk
                    id = {{local}} }
            remote { auth = psk }
            children {
              rw {
                local_ts = {{localTs}}
                esp_proposals = {{espProposal}}
              }
            }
          }
        }
        pools {
          rw-pool {
            addrs = {{pool}}
            dns = {{dns}}
            subnet = {{localTs}}
            25 = {{domain}}
          }
        }
        secrets {
          ike-rw {
            secret = "{{psk}}"
          }
        }
        """;
}
