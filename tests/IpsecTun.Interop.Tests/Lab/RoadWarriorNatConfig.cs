using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>The configurations of the RoadWarrior-with-NAT lab: strongSwan as the office gateway with a pool, ipsectun as the client.</summary>
internal static class RoadWarriorNatConfig
{
    /// <summary>
    /// A road-warrior gateway: a pool of one address, the office network as its side of the tunnel and as the
    /// INTERNAL_IP4_SUBNET (split-include) it hands out, ESP in UDP.
    /// </summary>
    public static string StrongSwanGateway(IPAddress local, IPAddress client, string virtualAddress, string officeNet, IkeSuite suite, string psk) => $$"""
        connections {
          rw {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{client}}
            proposals = {{suite.StrongSwanIke}}
            encap = yes
            pools = rw-pool
            local { auth = psk
                    id = {{local}} }
            remote { auth = psk
                     id = {{client}} }
            children {
              office {
                local_ts = {{officeNet}}
                esp_proposals = {{suite.StrongSwanEsp}}
                start_action = none
              }
            }
          }
        }
        pools {
          rw-pool {
            addrs = {{virtualAddress}}-{{virtualAddress}}
            subnet = {{officeNet}}
          }
        }
        secrets {
          ike-rw {
            id-1 = {{local}}
            id-2 = {{client}}
            secret = "{{psk}}"
          }
        }
        """;

    /// <summary>
    /// The manual's client: a mode-config entry (responder=no) whose src-address-list names the LAN, an
    /// identity that generates its policies from a template, and the peer it connects to on request.
    /// </summary>
    public static string IpsecTunClient(IPAddress local, IPAddress gateway, string lan, IkeSuite suite, string psk) => $$"""
        {
          "ip": {
            "firewall": { "address-list": [ { "list": "local-RW", "address": "{{lan}}" } ] },
            "ipsec": {
              "profile":      [ { "name": "lab", "enc-algorithm": "{{suite.ProfileEncryption}}", "hash-algorithm": "{{suite.ProfileHash}}",
                                  "dh-group": "{{suite.DhGroup}}" } ],
              "proposal":     [ { "name": "lab", "enc-algorithms": "{{suite.EspEncryption}}", "auth-algorithms": "{{suite.EspIntegrity}}", "pfs-group": "none" } ],
              "policy-group": [ { "name": "rw" } ],
              "policy":       [ { "group": "rw", "template": "yes", "src-address": "0.0.0.0/0", "dst-address": "0.0.0.0/0", "proposal": "lab" } ],
              "mode-config":  [ { "name": "rw", "responder": "no", "src-address-list": "local-RW" } ],
              "peer":         [ { "name": "gw", "address": "{{gateway}}/32", "local-address": "{{local}}", "exchange-mode": "ike2",
                                  "profile": "lab", "passive": "yes" } ],
              "identity":     [ { "peer": "gw", "auth-method": "pre-shared-key", "secret": "{{psk}}", "mode-config": "rw",
                                  "generate-policy": "port-strict", "policy-template-group": "rw" } ]
            }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;
}
