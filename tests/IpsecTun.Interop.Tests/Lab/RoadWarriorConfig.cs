using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>The road-warrior setup of the manual with a pre-shared key, for an ipsectun gateway and strongSwan clients.</summary>
internal static class RoadWarriorConfig
{
    public const string Psk = "interop-road-warriors";
    public const string GatewayId = "gw.example.com";
    public const string Pool = "10.77.0.10-10.77.0.250";
    public const string SplitInclude = "10.1.0.0/24";
    public const string Dns = "10.1.0.53";

    /// <summary>
    /// A passive peer for any address, mode-config from a pool with split-include and the DNS servers of ip.dns
    /// (system-dns), generate-policy=port-strict against a template group that admits only the pool towards the
    /// office network, DPD every 10 s.
    /// </summary>
    public static string Gateway(IPAddress local) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":      [ { "name": "rw", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256", "dpd-interval": "10s" } ],
              "proposal":     [ { "name": "rw", "enc-algorithms": "aes-128-gcm", "auth-algorithms": "sha256", "pfs-group": "none" } ],
              "policy-group": [ { "name": "rw" } ],
              "policy":       [ { "group": "rw", "template": "yes", "src-address": "{{SplitInclude}}", "dst-address": "10.77.0.0/24", "proposal": "rw" } ],
              "mode-config":  [ { "name": "rw", "address-pool": "rw-pool", "address-prefix-length": 32, "split-include": "{{SplitInclude}}", "system-dns": "yes" } ],
              "peer":         [ { "name": "rw", "address": "0.0.0.0/0", "local-address": "{{local}}", "exchange-mode": "ike2", "passive": "yes", "profile": "rw" } ],
              "identity":     [ { "peer": "rw", "auth-method": "pre-shared-key", "secret": "{{Psk}}", "my-id": "fqdn:{{GatewayId}}",
                                  "generate-policy": "port-strict", "mode-config": "rw", "policy-template-group": "rw" } ]
            },
            "pool": [ { "name": "rw-pool", "ranges": "{{Pool}}" } ],
            "dns":  { "servers": "{{Dns}}" }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;

    /// <summary>A strongSwan client asking for a virtual IPv4 address and DNS, with a tunnel to the office network.</summary>
    public static string StrongSwanClient(IPAddress local, IPAddress gateway, string id) => $$"""
        connections {
          rw {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{gateway}}
            proposals = aes128gcm16-prfsha256-ecp256
            encap = yes
            vips = 0.0.0.0
            local { auth = psk
                    id = {{id}} }
            remote { auth = psk
                     id = {{GatewayId}} }
            children {
              office {
                remote_ts = {{SplitInclude}}
                esp_proposals = aes128gcm16
                start_action = none
              }
            }
          }
        }
        secrets {
          ike-rw {
            id-1 = {{id}}
            id-2 = {{GatewayId}}
            secret = "{{Psk}}"
          }
        }
        """;
}
