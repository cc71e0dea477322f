using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>An ipsectun configuration that protects the traffic between the two hosts themselves: a transport-mode policy between their outer addresses.</summary>
internal static class IpsecTunTransportConfig
{
    /// <summary>
    /// A peer with a pre-shared key and one transport-mode policy from <paramref name="local"/> to
    /// <paramref name="remote"/> over <paramref name="ipsecProtocols"/> (esp or ah).
    /// </summary>
    public static string HostToHostPsk(IPAddress local, IPAddress remote, IkeSuite suite, string psk, bool passive, string ipsecProtocols) => $$"""
        {
          "ip": {
            "ipsec": {
              "profile":  [ { "name": "host", "enc-algorithm": "{{suite.ProfileEncryption}}", "hash-algorithm": "{{suite.ProfileHash}}",
                              "dh-group": "{{suite.DhGroup}}" } ],
              "proposal": [ { "name": "host", "enc-algorithms": "{{suite.EspEncryption}}", "auth-algorithms": "{{suite.EspIntegrity}}", "pfs-group": "none" } ],
              "peer":     [ { "name": "host-peer", "address": "{{remote}}/{{HostLength(remote)}}", "local-address": "{{local}}", "exchange-mode": "ike2",
                              "profile": "host", "passive": "{{(passive ? "yes" : "no")}}" } ],
              "identity": [ { "peer": "host-peer", "auth-method": "pre-shared-key", "secret": "{{psk}}" } ],
              "policy":   [ { "src-address": "{{local}}/{{HostLength(local)}}", "dst-address": "{{remote}}/{{HostLength(remote)}}", "tunnel": "no", "peer": "host-peer",
                              "proposal": "host", "ipsec-protocols": "{{ipsecProtocols}}" } ]
            }
          },
          "ipsectun": { "interface": { "name": "itun0", "mtu": 1400 } }
        }
        """;

    private static int HostLength(IPAddress address) => address.GetAddressBytes().Length * 8;
}
