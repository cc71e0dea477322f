using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>ipsectun configuration for a site-to-site peer authenticated with certificates.</summary>
internal static class IpsecTunCertificateConfig
{
    /// <summary>
    /// Signs with <paramref name="certificate"/> and <paramref name="key"/> and trusts the CA in <paramref name="ca"/>
    /// (file names beside the configuration); my-id auto, remote-id as given.
    /// </summary>
    public static string SiteToSite(
        IPAddress local, IPAddress remote, string localNet, string remoteNet, IkeSuite suite, string ca, string certificate, string key,
        string remoteId, bool passive) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "lab", "enc-algorithm": "{{suite.ProfileEncryption}}", "hash-algorithm": "{{suite.ProfileHash}}",
                              "dh-group": "{{suite.DhGroup}}" } ],
              "proposal": [ { "name": "lab", "enc-algorithms": "{{suite.EspEncryption}}", "auth-algorithms": "{{suite.EspIntegrity}}", "pfs-group": "none" } ],
              "peer":     [ { "name": "lab-peer", "address": "{{remote}}/32", "local-address": "{{local}}", "exchange-mode": "ike2",
                              "profile": "lab", "passive": "{{(passive ? "yes" : "no")}}" } ],
              "identity": [ { "peer": "lab-peer", "auth-method": "digital-signature", "certificate": "own", "remote-id": "{{remoteId}}" } ],
              "policy":   [ { "src-address": "{{localNet}}", "dst-address": "{{remoteNet}}", "tunnel": "yes", "peer": "lab-peer", "proposal": "lab" } ]
            }
          },
          "certificate": [ { "name": "ca", "file": "{{ca}}" }, { "name": "own", "file": "{{certificate}}", "key-file": "{{key}}" } ],
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;
}
