using System.Net;
using System.Text.Json.Nodes;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// ipsectun as an EAP client (auth-method=eap) with its own CA and, for EAP-TLS, its client certificate; and the
/// strongswan.conf settings of a strongSwan gateway that runs EAP-TTLS itself or relays EAP to RADIUS.
/// </summary>
internal static class EapClientLabConfig
{
    /// <summary>
    /// <see cref="EapLabConfig.IpsecTunClient"/> trusting only <paramref name="caCertificate"/>
    /// and, given <paramref name="client"/>, presenting that certificate (for eap-tls).
    /// </summary>
    public static string IpsecTunClient(
        IPAddress local, IPAddress remote, string localNet, string remoteNet, string caCertificate, string methods, string password,
        (string Certificate, string Key)? client = null)
    {
        string directory = Path.GetDirectoryName(caCertificate)!;
        var json = JsonNode.Parse(EapLabConfig.IpsecTunClient(local, remote, localNet, remoteNet, directory, methods, password))!;
        var certificates = json["certificate"]!.AsArray();
        certificates.Clear();
        certificates.Add(new JsonObject { ["name"] = "ca", ["file"] = caCertificate });
        if (client is { } own)
        {
            certificates.Add(new JsonObject { ["name"] = "client", ["file"] = own.Certificate, ["key-file"] = own.Key });
            json["ip"]!["ipsec"]!["identity"]![0]!["certificate"] = "client";
        }

        return json.ToJsonString();
    }

    /// <summary>strongSwan's EAP-TTLS server runs <paramref name="method"/> (an EAP method name: md5, mschapv2) inside the tunnel.</summary>
    public static string TtlsPhase2(string method) => $$"""
        eap-ttls {
          phase2_method = {{method}}
        }
        """;

    /// <summary>strongSwan's eap-radius plugin relays to the RADIUS server on the namespace's 127.0.0.1.</summary>
    public static string RadiusServer(string secret) => $$"""
        eap-radius {
          servers {
            lab {
              address = 127.0.0.1
              auth_port = {{FreeRadiusDaemon.AuthenticationPort}}
              secret = "{{secret}}"
            }
          }
        }
        """;
}
