using System.Net;
using IpsecTun.Config;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// The manual's RoadWarrior client with NAT on the in-memory pair: the client asks for mode-config and has
/// 192.168.88.0/24 in the src-address-list of its mode-config; the gateway hands out 10.2.0.5 and the
/// split-include network 10.1.0.0/24.
/// </summary>
internal static class SourceNatPlans
{
    public const string VirtualAddress = "10.2.0.5";
    public const string HostA = "192.168.88.10";
    public const string HostB = "192.168.88.20";
    public const string Office = "10.1.0.7";

    /// <param name="srcAddressList">The mode-config's src-address-list; null: the mode-config has none.</param>
    public static EndpointPlan Client(bool passive = true, string? srcAddressList = "local-RW")
    {
        EndpointPlan plan = TestPlans.Client(passive);
        PeerPlan peer = plan.Peers[0];
        PeerPlan asking = peer with { Settings = peer.Settings with { ModeConfig = new ModeConfigRequest() } };
        return new EndpointPlan(ClientConfiguration(srcAddressList), [asking], plan.Responders, plan.Policies);
    }

    public static EndpointPlan Gateway()
    {
        EndpointPlan plan = TestPlans.Gateway();
        PeerPlan peer = plan.Peers[0];
        IkeSaSettings answering = peer.Settings with
        {
            ModeConfigAnswer = new ModeConfigResult([IPAddress.Parse(VirtualAddress)], [], [IPNetwork.Parse(TestPlans.GatewayNet)]),
        };
        return new EndpointPlan(plan.Configuration, [peer with { Settings = answering }], new FixedResponders(TestPlans.ClientAddress, answering), plan.Policies);
    }

    /// <summary>What the client's configuration says about the peer; the runtime reads its src-address-list from it.</summary>
    public static IpsecConfiguration ClientConfiguration(string? srcAddressList) => ConfigurationText.Load($$"""
        {
          "ip": {
            "firewall": { "address-list": [ { "list": "local-RW", "address": "192.168.88.0/24" },
                                            { "list": "local-RW", "address": "172.31.0.0/16", "disabled": "yes" },
                                            { "list": "other", "address": "10.9.0.0/16" } ] },
            "ipsec": {
              "mode-config": [ { "name": "rw", "responder": "no"{{(srcAddressList is null ? "" : $", \"src-address-list\": \"{srcAddressList}\"")}} } ],
              "peer":        [ { "name": "gw", "address": "{{TestPlans.GatewayAddress}}/32", "exchange-mode": "ike2" } ],
              "identity":    [ { "peer": "gw", "auth-method": "pre-shared-key", "secret": "shared secret", "mode-config": "rw" } ]
            }
          },
          "ipsectun": { "interface": { "name": "ipsec0", "mtu": 1380 } }
        }
        """);
}
