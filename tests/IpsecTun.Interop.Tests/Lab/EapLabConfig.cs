using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>ipsectun and swanctl configuration for EAP between a gateway and a road-warrior client on the lab's two hosts.</summary>
internal static class EapLabConfig
{
    public const string User = "alice";

    private static readonly IkeSuite Suite = IkeSuite.AesGcmEcp256;

    /// <summary>
    /// ipsectun as the gateway with auth-method=eap-radius, its certificate from <paramref name="directory"/> (see
    /// <see cref="LabPki.WriteFor"/>), and either the built-in EAP server with user <see cref="User"/> or the RADIUS
    /// server at <paramref name="radius"/>. With <paramref name="virtualNet"/> the client asks for a virtual address
    /// (RADIUS's Framed-IP-Address) and gets a policy generated from a template towards that network; with
    /// <paramref name="interimUpdate"/> accounting sends interim updates that often.
    /// </summary>
    public static string IpsecTunGateway(
        IPAddress local, IPAddress remote, string localNet, string remoteNet, string directory, string methods, string password, IPEndPoint? radius = null,
        string radiusSecret = "", string? virtualNet = null, string? interimUpdate = null) => $$"""
        {
          "ip": { "ipsec": {
            "profile":  [ { "name": "lab", "enc-algorithm": "{{Suite.ProfileEncryption}}", "hash-algorithm": "{{Suite.ProfileHash}}", "dh-group": "{{Suite.DhGroup}}" } ],
            "proposal": [ { "name": "lab", "enc-algorithms": "{{Suite.EspEncryption}}", "auth-algorithms": "{{Suite.EspIntegrity}}", "pfs-group": "none" } ],
            "peer":     [ { "name": "rw", "address": "{{remote}}/32", "local-address": "{{local}}", "exchange-mode": "ike2", "profile": "lab", "passive": "yes" } ],
            {{(virtualNet is null
              ? $$"""
                "identity": [ { "peer": "rw", "auth-method": "eap-radius", "certificate": "gw", "eap-methods": "{{methods}}", "my-id": "fqdn:{{LabPki.GatewayName}}" } ],
                "policy":   [ { "src-address": "{{localNet}}", "dst-address": "{{remoteNet}}", "tunnel": "yes", "peer": "rw", "proposal": "lab" } ],
                """
              : $$"""
                "identity": [ { "peer": "rw", "auth-method": "eap-radius", "certificate": "gw", "eap-methods": "{{methods}}", "my-id": "fqdn:{{LabPki.GatewayName}}",
                                "generate-policy": "port-strict", "policy-template-group": "rw" } ],
                "policy-group": [ { "name": "rw" } ],
                "policy":   [ { "group": "rw", "template": "yes", "src-address": "{{localNet}}", "dst-address": "{{virtualNet}}", "proposal": "lab" } ],
                """)}}
            "settings": { "accounting": "yes", "interim-update": "{{interimUpdate ?? "0s"}}" } } },
          "certificate": [ { "name": "ca", "file": "{{directory}}/ca.pem" },
                           { "name": "gw", "file": "{{directory}}/gw.pem", "key-file": "{{directory}}/gw.key" } ],
          {{(radius is null
            ? $$"""
              "eap-user": [ { "name": "{{User}}", "password": "{{password}}" } ],
              """
            : $$"""
              "radius": [ { "address": "{{radius.Address}}", "authentication-port": "{{radius.Port}}", "accounting-port": "{{radius.Port + 1}}", "secret": "{{radiusSecret}}", "service": "ipsec" } ],
              """)}}
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;

    /// <summary>ipsectun as a client with auth-method=eap that trusts only the CA in <paramref name="directory"/>/ca.pem.</summary>
    public static string IpsecTunClient(IPAddress local, IPAddress remote, string localNet, string remoteNet, string directory, string methods, string password) => $$"""
        {
          "ip": { "ipsec": {
            "profile":  [ { "name": "lab", "enc-algorithm": "{{Suite.ProfileEncryption}}", "hash-algorithm": "{{Suite.ProfileHash}}", "dh-group": "{{Suite.DhGroup}}" } ],
            "proposal": [ { "name": "lab", "enc-algorithms": "{{Suite.EspEncryption}}", "auth-algorithms": "{{Suite.EspIntegrity}}", "pfs-group": "none" } ],
            "peer":     [ { "name": "gw", "address": "{{remote}}/32", "local-address": "{{local}}", "exchange-mode": "ike2", "profile": "lab", "passive": "yes" } ],
            "identity": [ { "peer": "gw", "auth-method": "eap", "eap-methods": "{{methods}}", "username": "{{User}}", "password": "{{password}}",
                            "remote-id": "fqdn:{{LabPki.GatewayName}}" } ],
            "policy":   [ { "src-address": "{{localNet}}", "dst-address": "{{remoteNet}}", "tunnel": "yes", "peer": "gw", "proposal": "lab" } ] } },
          "certificate": [ { "name": "ca", "file": "{{directory}}/ca.pem" } ],
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;

    /// <summary>
    /// A strongSwan road warrior that authenticates with <paramref name="method"/> (eap-mschapv2, eap-md5, eap-ttls with
    /// its default inner EAP-MD5 ...) as <see cref="User"/> and expects the gateway's certificate. For eap-tls its identity is
    /// <see cref="EapTlsPki.ClientId"/>, whose certificate client.pem it presents. With <paramref name="virtualIp"/>
    /// it asks for a virtual address and tunnels from it to <paramref name="remoteTs"/>.
    /// </summary>
    public static string StrongSwanClient(
        IPAddress local, IPAddress remote, string localTs, string remoteTs, string method, string password, bool virtualIp = false)
    {
        bool tls = method == "eap-tls";
        string identity = tls ? EapTlsPki.ClientId : User;
        return $$"""
            connections {
              rw {
                version = 2
                local_addrs = {{local}}
                remote_addrs = {{remote}}
                proposals = {{Suite.StrongSwanIke}}
                encap = yes
                {{(virtualIp ? "vips = 0.0.0.0" : "")}}
                local { auth = {{method}}
                        eap_id = {{identity}}
                        {{(tls ? $"id = {identity}\n                certs = client.pem" : "")}} }
                remote { auth = pubkey
                         id = {{LabPki.GatewayName}} }
                children {
                  net {
                    {{(virtualIp ? "" : $"local_ts = {localTs}")}}
                    remote_ts = {{remoteTs}}
                    esp_proposals = {{Suite.StrongSwanEsp}}
                    start_action = none
                  }
                }
              }
            }
            secrets {
              eap-user {
                id = {{identity}}
                secret = "{{password}}"
              }
            }
            """;
    }

    /// <summary>A strongSwan gateway that proves itself with gw.pem and asks the client for <paramref name="method"/>.</summary>
    public static string StrongSwanGateway(IPAddress local, IPAddress remote, string localTs, string remoteTs, string method, string password) => $$"""
        connections {
          gw {
            version = 2
            local_addrs = {{local}}
            remote_addrs = {{remote}}
            proposals = {{Suite.StrongSwanIke}}
            encap = yes
            send_cert = always
            local { auth = pubkey
                    certs = gw.pem
                    id = {{LabPki.GatewayName}} }
            remote { auth = {{method}}
                     eap_id = %any }
            children {
              net {
                local_ts = {{localTs}}
                remote_ts = {{remoteTs}}
                esp_proposals = {{Suite.StrongSwanEsp}}
                start_action = none
              }
            }
          }
        }
        secrets {
          eap-user {
            id = {{User}}
            secret = "{{password}}"
          }
        }
        """;
}
