namespace IpsecTun.Cli.Demo;

/// <summary>
/// The demo's embedded configurations: an office gateway that waits for its client, and a client that
/// connects to it, both with AES-128-GCM and ECP-256 for IKE and ESP and a pre-shared key made for the run.
/// </summary>
internal static class DemoConfigurations
{
    public const string ClientPeer = "office";

    public static string Gateway(string psk) => Site(
        "client", DemoNetwork.ClientOuter, DemoNetwork.GatewayInside, DemoNetwork.ClientInside, psk, passive: true, adapter: "ipsec-gw", LoopbackSite.Standard);

    public static string Client(string psk) => Site(
        ClientPeer, DemoNetwork.GatewayOuter, DemoNetwork.ClientInside, DemoNetwork.GatewayInside, psk, passive: false, adapter: "ipsec-client", LoopbackSite.Standard);

    /// <summary>The gateway of the demo without root: on <paramref name="gateway"/>, its client on <paramref name="client"/>.</summary>
    public static string LoopbackGateway(string psk, LoopbackSite gateway, LoopbackSite client) => Site(
        "client", client.Address, DemoNetwork.GatewayInside, DemoNetwork.ClientInside, psk, passive: true, adapter: "ipsec-gw", gateway, client.IkePort);

    public static string LoopbackClient(string psk, LoopbackSite client, LoopbackSite gateway) => Site(
        ClientPeer, gateway.Address, DemoNetwork.ClientInside, DemoNetwork.GatewayInside, psk, passive: false, adapter: "ipsec-client", client, gateway.IkePort);

    private static string Site(
        string peer, string remote, string localInside, string remoteInside, string psk, bool passive, string adapter, LoopbackSite local, int remotePort = 500) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "demo", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256", "dpd-interval": "10s" } ],
              "proposal": [ { "name": "demo", "enc-algorithms": "aes-128-gcm", "auth-algorithms": "sha256", "pfs-group": "ecp256" } ],
              "peer":     [ { "name": "{{peer}}", "address": "{{remote}}/32", "exchange-mode": "ike2", "profile": "demo", "passive": "{{(passive ? "yes" : "no")}}",
                              "port": {{remotePort}}{{LocalAddress(local)}} } ],
              "identity": [ { "peer": "{{peer}}", "auth-method": "pre-shared-key", "secret": "{{psk}}" } ],
              "policy":   [ { "src-address": "{{localInside}}/32", "dst-address": "{{remoteInside}}/32", "tunnel": "yes", "peer": "{{peer}}", "proposal": "demo" } ]
            }
          },
          "ipsectun": { "interface": { "name": "{{adapter}}", "mtu": 1400 }, "listen": { "ike-port": {{local.IkePort}}, "nat-t-port": {{local.NatTraversalPort}} } }
        }
        """;

    /// <summary>The peer's local-address entry when the site names an address; the namespaced demo listens on all.</summary>
    private static string LocalAddress(LoopbackSite local) => local.Address.Length > 0 ? $", \"local-address\": \"{local.Address}\"" : "";
}
