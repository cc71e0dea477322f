namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// One gateway reached over both families in <see cref="SiteToSiteLab6"/>: strongSwan on the right with a connection
/// over IPv4 and one over IPv6, and ipsectun on the left with a peer for each and no local-address, so it listens
/// on the wildcard of both families. Each tunnel carries its own family's inside networks.
/// </summary>
internal static class DualStackConfig
{
    public static string StrongSwan(IkeSuite suite, string psk) => $$"""
        connections {
          {{Connection("s2s4", SiteToSiteLab.RightOuter, SiteToSiteLab.LeftOuter, "10.2.0.0/24", "10.1.0.0/24", suite)}}
          {{Connection("s2s6", SiteToSiteLab6.RightOuter, SiteToSiteLab6.LeftOuter, SiteToSiteLab6.RightNet, SiteToSiteLab6.LeftNet, suite)}}
        }
        secrets {
          ike-lab { secret = "{{psk}}" }
        }
        """;

    public static string IpsecTun(IkeSuite suite, string psk) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "lab", "enc-algorithm": "{{suite.ProfileEncryption}}", "hash-algorithm": "{{suite.ProfileHash}}", "dh-group": "{{suite.DhGroup}}" } ],
              "proposal": [ { "name": "lab", "enc-algorithms": "{{suite.EspEncryption}}", "auth-algorithms": "{{suite.EspIntegrity}}", "pfs-group": "none" } ],
              "peer":     [ { "name": "peer4", "address": "{{SiteToSiteLab.RightOuter}}/32", "exchange-mode": "ike2", "profile": "lab", "passive": "yes" },
                            { "name": "peer6", "address": "{{SiteToSiteLab6.RightOuter}}/128", "exchange-mode": "ike2", "profile": "lab", "passive": "yes" } ],
              "identity": [ { "peer": "peer4", "auth-method": "pre-shared-key", "secret": "{{psk}}" },
                            { "peer": "peer6", "auth-method": "pre-shared-key", "secret": "{{psk}}" } ],
              "policy":   [ { "src-address": "10.1.0.0/24", "dst-address": "10.2.0.0/24", "tunnel": "yes", "peer": "peer4", "proposal": "lab" },
                            { "src-address": "{{SiteToSiteLab6.LeftNet}}", "dst-address": "{{SiteToSiteLab6.RightNet}}", "tunnel": "yes", "peer": "peer6", "proposal": "lab" } ]
            }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;

    private static string Connection(string name, System.Net.IPAddress local, System.Net.IPAddress remote, string localTs, string remoteTs, IkeSuite suite) => $$"""
        {{name}} {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{remote}}
            proposals = {{suite.StrongSwanIke}}
            encap = yes
            local { auth = psk
                    id = {{local}} }
            remote { auth = psk
                     id = {{remote}} }
            children {
              {{name}}-net {
                local_ts = {{localTs}}
                remote_ts = {{remoteTs}}
                esp_proposals = {{suite.StrongSwanEsp}}
              }
            }
          }
        """;
}
