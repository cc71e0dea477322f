namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The configurations of <see cref="TwoTunnelLab"/>: ipsectun with the peers site-a and site-b, each initiating at
/// start, and strongSwan answering both, site-b's end ready for the changes a test reloads into ipsectun.
/// </summary>
internal static class TwoTunnelConfig
{
    public const string Psk = "interop-reload-psk";

    /// <summary>
    /// site-a: 10.1.0.0/24 to 10.2.0.0/24 with AES-128-GCM, never changed. site-b: 10.1.1.0/24 to 10.2.1.0/24, with
    /// <paramref name="secondNetwork"/> also 10.1.2.0/24 to 10.2.2.0/24, its proposal's algorithms as given; an
    /// algorithm ipsectun does not know makes the file invalid with one error, in proposal b. <paramref name="ikePort"/> is the port
    /// ipsectun listens on for IKE (strongSwan always sends to 500).
    /// </summary>
    public static string IpsecTun(string siteBEncryption = "aes-128-gcm", string siteBIntegrity = "sha256", bool secondNetwork = false, int ikePort = 500)
    {
        string policyB2 = secondNetwork ? $", {Policy("10.1.2.0/24", "10.2.2.0/24", "site-b", "b")}" : "";
        return $$"""
            {
              "ip": {
                "ipsec": {
                  "profile":  [ { "name": "lab", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256" } ],
                  "proposal": [ { "name": "a", "enc-algorithms": "aes-128-gcm", "auth-algorithms": "sha256", "pfs-group": "none" },
                                { "name": "b", "enc-algorithms": "{{siteBEncryption}}", "auth-algorithms": "{{siteBIntegrity}}", "pfs-group": "none" } ],
                  "peer":     [ { "name": "site-a", "address": "{{SiteToSiteLab.RightOuter}}/32", "local-address": "{{SiteToSiteLab.LeftOuter}}",
                                  "exchange-mode": "ike2", "profile": "lab", "passive": "no" },
                                { "name": "site-b", "address": "{{TwoTunnelLab.RightSecondOuter}}/32", "local-address": "{{SiteToSiteLab.LeftOuter}}",
                                  "exchange-mode": "ike2", "profile": "lab", "passive": "no" } ],
                  "identity": [ { "peer": "site-a", "auth-method": "pre-shared-key", "secret": "{{Psk}}" },
                                { "peer": "site-b", "auth-method": "pre-shared-key", "secret": "{{Psk}}" } ],
                  "policy":   [ {{Policy("10.1.0.0/24", "10.2.0.0/24", "site-a", "a")}},
                                {{Policy("10.1.1.0/24", "10.2.1.0/24", "site-b", "b")}}{{policyB2}} ]
                }
              },
              "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 }, "listen": { "ike-port": {{ikePort}} } }
            }
            """;
    }

    /// <summary>
    /// strongSwan's two connections, told apart by the local address ipsectun reaches and the identity that goes
    /// with it; site-b accepts AES-128-GCM or AES-256-CBC/SHA-256 and has a Child SA for the second network too.
    /// Without DPD strongSwan learns that ipsectun went away only from its deletes.
    /// </summary>
    public static string Swanctl() => $$"""
        connections {
          {{Connection("site-a", SiteToSiteLab.RightOuter.ToString(), "a { local_ts = 10.2.0.0/24\n remote_ts = 10.1.0.0/24\n esp_proposals = aes128gcm16 }")}}
          {{Connection("site-b", TwoTunnelLab.RightSecondOuter.ToString(),
            "b { local_ts = 10.2.1.0/24\n remote_ts = 10.1.1.0/24\n esp_proposals = aes128gcm16,aes256-sha256 }\n" +
            "b2 { local_ts = 10.2.2.0/24\n remote_ts = 10.1.2.0/24\n esp_proposals = aes128gcm16,aes256-sha256 }")}}
        }
        secrets {
          ike-a { id-1 = {{SiteToSiteLab.RightOuter}}
                  id-2 = {{SiteToSiteLab.LeftOuter}}
                  secret = "{{Psk}}" }
          ike-b { id-1 = {{TwoTunnelLab.RightSecondOuter}}
                  id-2 = {{SiteToSiteLab.LeftOuter}}
                  secret = "{{Psk}}" }
        }
        """;

    private static string Connection(string name, string local, string children) => $$"""
        {{name}} {
          version = 2
          local_addrs = {{local}}
          remote_addrs = {{SiteToSiteLab.LeftOuter}}
          proposals = aes128gcm16-prfsha256-ecp256
          encap = yes
          dpd_delay = 0s
          local { auth = psk
                  id = {{local}} }
          remote { auth = psk
                   id = {{SiteToSiteLab.LeftOuter}} }
          children {
            {{children}}
          }
        }
        """;

    private static string Policy(string local, string remote, string peer, string proposal) =>
        $$"""{ "src-address": "{{local}}", "dst-address": "{{remote}}", "tunnel": "yes", "peer": "{{peer}}", "proposal": "{{proposal}}" }""";
}
