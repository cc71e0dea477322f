namespace IpsecTun.Cli.Demo;

/// <summary>
/// The demo's embedded configurations: an office gateway that waits for its client, and a client that
/// connects to it, both with AES-128-GCM and ECP-256 for IKE and ESP and a pre-shared key made for the run.
/// </summary>
internal static class DemoConfigurations
{
    public const string ClientPeer = "office";

    public static string Gateway(string psk) => Site(
        "client", DemoNetwork.ClientOuter, DemoNetwork.GatewayInside, DemoNetwork.ClientInside, psk, passive: true, adapter: "ipsec-gw");

    public static string Client(string psk) => Site(
        ClientPeer, DemoNetwork.GatewayOuter, DemoNetwork.ClientInside, DemoNetwork.GatewayInside, psk, passive: false, adapter: "ipsec-client");

    private static string Site(string peer, string remote, string localInside, string remoteInside, string psk, bool passive, string adapter) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "demo", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256", "dpd-interval": "10s" } ],
              "proposal": [ { "name": "demo", "enc-algorithms": "aes-128-gcm", "auth-algorithms": "sha256", "pfs-group": "ecp256" } ],
              "peer":     [ { "name": "{{peer}}", "address": "{{remote}}/32", "exchange-mode": "ike2", "profile": "demo", "passive": "{{(passive ? "yes" : "no")}}" } ],
              "identity": [ { "peer": "{{peer}}", "auth-method": "pre-shared-key", "secret": "{{psk}}" } ],
              "policy":   [ { "src-address": "{{localInside}}/32", "dst-address": "{{remoteInside}}/32", "tunnel": "yes", "peer": "{{peer}}", "proposal": "demo" } ]
            }
          },
          "ipsectun": { "interface": { "name": "{{adapter}}", "mtu": 1400 } }
        }
        """;
}
