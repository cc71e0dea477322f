using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The road-warrior setup of the manual with a pre-shared key, for an ipsectun gateway and strongSwan clients, and
/// the shape of gateway and client that <see cref="RoadWarriorCertificateConfig"/> fills with certificates.
/// </summary>
internal static class RoadWarriorConfig
{
    public const string Psk = "interop-road-warriors";
    public const string GatewayId = "gw.example.com";
    public const string Pool = "10.77.0.10-10.77.0.250";
    public const string SplitInclude = "10.1.0.0/24";
    public const string Dns = "10.1.0.53";

    /// <summary>The mode-config "rw": an address from the pool, the split-include network and the servers of ip.dns.</summary>
    private const string PoolModeConfig =
        $$"""{ "name": "rw", "address-pool": "rw-pool", "address-prefix-length": 32, "split-include": "{{SplitInclude}}", "system-dns": "yes" }""";

    /// <summary>
    /// A passive peer for any address, mode-config from a pool with split-include and the DNS servers of ip.dns
    /// (system-dns), generate-policy=port-strict against a template group that admits only the lab's virtual
    /// addresses towards the office network, DPD every <paramref name="dpdInterval"/> with IKE requests
    /// retransmitted <paramref name="retransmitTries"/> times from <paramref name="retransmitTimeout"/> on.
    /// </summary>
    public static string Gateway(IPAddress local, string dpdInterval = "10s", string retransmitTimeout = "2s", int retransmitTries = 5) => GatewayWith(
        local,
        [$$"""{ "peer": "rw", "auth-method": "pre-shared-key", "secret": "{{Psk}}", "my-id": "fqdn:{{GatewayId}}", {{Served("rw")}} }"""],
        moreModeConfigs: [],
        certificates: [],
        dpdInterval,
        $$""" "ike-retransmit-timeout": "{{retransmitTimeout}}", "ike-retransmit-tries": {{retransmitTries}} """);

    /// <summary>The gateway's shape with the given identities of peer "rw", mode-configs besides "rw", certificate entries and ipsectun settings.</summary>
    public static string GatewayWith(
        IPAddress local, string[] identities, string[] moreModeConfigs, string[] certificates, string dpdInterval, string ipsectunSettings) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":      [ { "name": "rw", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256", "dpd-interval": "{{dpdInterval}}" } ],
              "proposal":     [ { "name": "rw", "enc-algorithms": "aes-128-gcm", "auth-algorithms": "sha256", "pfs-group": "none" } ],
              "policy-group": [ { "name": "rw" } ],
              "policy":       [ { "group": "rw", "template": "yes", "src-address": "{{SplitInclude}}", "dst-address": "10.77.0.0/16", "proposal": "rw" } ],
              "mode-config":  [ {{string.Join(", ", [PoolModeConfig, .. moreModeConfigs])}} ],
              "peer":         [ { "name": "rw", "address": "0.0.0.0/0", "local-address": "{{local}}", "exchange-mode": "ike2", "passive": "yes", "profile": "rw" } ],
              "identity":     [ {{string.Join(", ", identities)}} ]
            },
            "pool": [ { "name": "rw-pool", "ranges": "{{Pool}}" } ],
            "dns":  { "servers": "{{Dns}}" }
          },
          "certificate": [ {{string.Join(", ", certificates)}} ],
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 }, {{ipsectunSettings}} }
        }
        """;

    /// <summary>An identity's server-side settings: the mode-config named, and policies generated from the group's templates.</summary>
    public static string Served(string modeConfig) =>
        $"\"generate-policy\": \"port-strict\", \"mode-config\": \"{modeConfig}\", \"policy-template-group\": \"rw\"";

    /// <summary>A strongSwan client with the pre-shared key, asking for a virtual IPv4 address and DNS, with a tunnel to the office network.</summary>
    public static string StrongSwanClient(IPAddress local, IPAddress gateway, string id) =>
        StrongSwanClient(local, gateway, $"auth = psk\n id = {id}", $"auth = psk\n id = {GatewayId}") + $$"""
        secrets {
          ike-rw {
            id-1 = {{id}}
            id-2 = {{GatewayId}}
            secret = "{{Psk}}"
          }
        }
        """;

    /// <summary>The client connection "rw" (Child SA "office") with the given local and remote authentication rounds.</summary>
    public static string StrongSwanClient(IPAddress local, IPAddress gateway, string localAuth, string remoteAuth) => $$"""
        connections {
          rw {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{gateway}}
            proposals = aes128gcm16-prfsha256-ecp256
            encap = yes
            vips = 0.0.0.0
            local {
              {{localAuth}}
            }
            remote {
              {{remoteAuth}}
            }
            children {
              office {
                remote_ts = {{SplitInclude}}
                esp_proposals = aes128gcm16
                start_action = none
              }
            }
          }
        }

        """;
}
