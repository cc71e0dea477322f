using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The road-warrior gateway of <see cref="RoadWarriorConfig"/> with certificates: the gateway signs as
/// <see cref="GatewayName"/>; one identity takes only the client whose certificate it names (match-by=certificate)
/// and gives it a fixed address and its own DNS server, the next takes any client certificate the CA issued and
/// gives it an address from the pool. File names are those the test writes beside each configuration.
/// </summary>
internal static class RoadWarriorCertificateConfig
{
    public const string GatewayName = "gw.lab";
    public const string PinnedAddress = "10.77.1.5";
    public const string PinnedDns = "10.1.0.54";

    /// <summary>The DNS subjectAltName of client <paramref name="n"/>'s certificate, which is also the ID it claims.</summary>
    public static string ClientName(int n) => $"rw{n}.lab";

    /// <summary>The gateway, with ca.pem, gw.pem/gw.key and the pinned client's certificate pinned.pem beside it.</summary>
    public static string Gateway(IPAddress local, string dpdInterval = "10s") => RoadWarriorConfig.GatewayWith(
        local,
        [
            $$"""{ "peer": "rw", "auth-method": "digital-signature", "certificate": "gw", "my-id": "fqdn:{{GatewayName}}", "match-by": "certificate", "remote-certificate": "pinned", {{RoadWarriorConfig.Served("pinned")}} }""",
            $$"""{ "peer": "rw", "auth-method": "digital-signature", "certificate": "gw", "my-id": "fqdn:{{GatewayName}}", {{RoadWarriorConfig.Served("rw")}} }""",
        ],
        [$$"""{ "name": "pinned", "address": "{{PinnedAddress}}", "address-prefix-length": 32, "split-include": "{{RoadWarriorConfig.SplitInclude}}", "static-dns": "{{PinnedDns}}" }"""],
        ["""{ "name": "ca", "file": "ca.pem" }""", """{ "name": "gw", "file": "gw.pem", "key-file": "gw.key" }""", """{ "name": "pinned", "file": "pinned.pem" }"""],
        dpdInterval,
        """ "ike-retransmit-timeout": "2s" """);

    /// <summary>A client signing with swanctl/x509/client.pem (key in private/, the CA in x509ca/) as <paramref name="name"/>.</summary>
    public static string StrongSwanClient(IPAddress local, IPAddress gateway, string name) =>
        RoadWarriorConfig.StrongSwanClient(local, gateway, $"auth = pubkey\n certs = client.pem\n id = {name}", $"auth = pubkey\n id = {GatewayName}");
}
