using System.Net;
using IpsecTun.Config;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// The pair of <see cref="TestPlans"/> as road warrior and gateway: the gateway hands out 10.77.0.5, DNS
/// server 10.1.0.53 for corp.example and the split-include networks given; the client has no policy of its
/// own, asks for any destination and applies what it gets.
/// </summary>
internal static class ModeConfigPlans
{
    public const string VirtualAddress = "10.77.0.5";

    public static EndpointPlan Gateway(string gatewayNet, params string[] splitInclude)
    {
        EndpointPlan plan = TestPlans.Gateway(clientNet: "10.77.0.0/24", gatewayNet: gatewayNet);
        PeerPlan peer = plan.Peers[0];
        var answer = new ModeConfigResult([IPAddress.Parse(VirtualAddress)], [IPAddress.Parse("10.1.0.53")], [.. splitInclude.Select(IPNetwork.Parse)])
        {
            DnsDomains = ["corp.example"],
        };
        IkeSaSettings settings = peer.Settings with { ModeConfigAnswer = answer };
        return new EndpointPlan(plan.Configuration, [peer with { Settings = settings }], new FixedResponders(TestPlans.ClientAddress, settings), plan.Policies);
    }

    public static EndpointPlan Client(TimeSpan? dpd = null)
    {
        EndpointPlan plan = TestPlans.Client(passive: false, dpd: dpd);
        PeerPlan peer = plan.Peers[0];
        IkeSaSettings settings = peer.Settings with
        {
            ModeConfig = new ModeConfigRequest(),
            Child = peer.Settings.Child with { RemoteSelectors = [PolicyMapper.AnySelector(new IPNetwork(IPAddress.Any, 0))] },
        };
        var modeConfig = new ModeConfig("rw", null, null, null, null, Responder: false, [], null, [], SystemDns: false);
        return new EndpointPlan(plan.Configuration, [peer with { Settings = settings, Children = [], ModeConfigClient = modeConfig }], plan.Responders, []);
    }
}
