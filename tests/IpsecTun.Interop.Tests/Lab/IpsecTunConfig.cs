using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>ipsectun configuration files for the lab, in the RouterOS-shaped JSON the program reads.</summary>
internal static class IpsecTunConfig
{
    /// <summary>
    /// A site-to-site peer with a pre-shared key, bound to <paramref name="local"/> (the wildcard address when null):
    /// the profile's IKE algorithms, the proposal's ESP algorithms,
    /// one tunnel policy between the inside networks (and one per pair of <paramref name="morePolicies"/>) with
    /// <paramref name="ipsecProtocols"/> (esp or ah), whether
    /// this side waits for the peer (passive), how IKE requests are retransmitted, and the ipsectun section's
    /// extended-sequence-numbers when <paramref name="extendedSequenceNumbers"/> is given.
    /// </summary>
    public static string SiteToSitePsk(
        IPAddress? local, IPAddress remote, string localNet, string remoteNet, IkeSuite suite, string psk, bool passive,
        string lifetime = "1d", string childLifetime = "30m", string dpdInterval = "10s", int mtu = 1400, string retransmitTimeout = "2s", int retransmitTries = 5,
        (string Local, string Remote)[]? morePolicies = null, string ipsecProtocols = "esp", string? extendedSequenceNumbers = null) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "lab", "enc-algorithm": "{{suite.ProfileEncryption}}", "hash-algorithm": "{{suite.ProfileHash}}",
                              "dh-group": "{{suite.DhGroup}}", "lifetime": "{{lifetime}}", "dpd-interval": "{{dpdInterval}}" } ],
              "proposal": [ { "name": "lab", "enc-algorithms": "{{suite.EspEncryption}}", "auth-algorithms": "{{suite.EspIntegrity}}",
                              "pfs-group": "none", "lifetime": "{{childLifetime}}" } ],
              "peer":     [ { "name": "lab-peer", "address": "{{remote}}/{{remote.GetAddressBytes().Length * 8}}", {{(local is null ? "" : $"\"local-address\": \"{local}\", ")}}"exchange-mode": "ike2",
                              "profile": "lab", "passive": "{{(passive ? "yes" : "no")}}" } ],
              "identity": [ { "peer": "lab-peer", "auth-method": "pre-shared-key", "secret": "{{psk}}" } ],
              "policy":   [ {{string.Join(", ", new[] { (Local: localNet, Remote: remoteNet) }.Concat(morePolicies ?? []).Select(nets => Policy(nets, ipsecProtocols)))}} ]
            }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": {{mtu}} },
                        "ike-retransmit-timeout": "{{retransmitTimeout}}", "ike-retransmit-tries": {{retransmitTries}}{{(extendedSequenceNumbers is null ? "" : $", \"extended-sequence-numbers\": \"{extendedSequenceNumbers}\"")}} }
        }
        """;

    private static string Policy((string Local, string Remote) nets, string ipsecProtocols) =>
        $$"""{ "src-address": "{{nets.Local}}", "dst-address": "{{nets.Remote}}", "tunnel": "yes", "peer": "lab-peer", "proposal": "lab", "ipsec-protocols": "{{ipsecProtocols}}" }""";

    /// <summary>
    /// The manual's road-warrior client: no policy of its own, an identity with a mode-config entry of
    /// responder=no and generate-policy from a 0.0.0.0/0 template, initiating at start.
    /// </summary>
    public static string RoadWarriorClient(IPAddress gateway, IkeSuite suite, string psk) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":      [ { "name": "rw", "enc-algorithm": "{{suite.ProfileEncryption}}", "hash-algorithm": "{{suite.ProfileHash}}",
                                  "dh-group": "{{suite.DhGroup}}" } ],
              "proposal":     [ { "name": "rw", "enc-algorithms": "{{suite.EspEncryption}}", "auth-algorithms": "{{suite.EspIntegrity}}", "pfs-group": "none" } ],
              "mode-config":  [ { "name": "rw-client", "responder": "no" } ],
              "policy-group": [ { "name": "rw" } ],
              "policy":       [ { "group": "rw", "template": "yes", "src-address": "0.0.0.0/0", "dst-address": "0.0.0.0/0", "proposal": "rw" } ],
              "peer":         [ { "name": "gw", "address": "{{gateway}}/32", "exchange-mode": "ike2", "profile": "rw" } ],
              "identity":     [ { "peer": "gw", "auth-method": "pre-shared-key", "secret": "{{psk}}", "generate-policy": "port-strict",
                                  "mode-config": "rw-client", "policy-template-group": "rw" } ]
            }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;
}
