using System.Net;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Plan;

/// <summary>
/// Where raw ESP cannot be received (Windows), every peer is planned with ESP in UDP, as initiator and as
/// responder; elsewhere the NAT detection of IKE decides.
/// </summary>
public sealed class ForcedUdpEncapsulationPlanTests
{
    [Fact]
    public void Forced_plans_put_every_peer_and_every_responder_identity_into_UDP()
    {
        EndpointPlan plan = Build(forceUdpEncapsulation: true);

        Assert.All(plan.Peers, p => Assert.True(p.Settings.ForceUdpEncapsulation, p.Name));
        IkeSaSettings responder = plan.Responders.FindPeer(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 500), new IPEndPoint(IPAddress.Parse("192.0.2.99"), 500))!;
        Assert.True(responder.ForceUdpEncapsulation);
        IkeSaSettings identity = plan.Responders.FindIdentity(responder, IdentificationPayload.FromAddress(PayloadType.IdInitiator, IPAddress.Parse("192.0.2.99")))!;
        Assert.True(identity.ForceUdpEncapsulation);
    }

    [Fact]
    public void By_default_NAT_detection_decides()
    {
        EndpointPlan plan = Build(forceUdpEncapsulation: false);

        Assert.All(plan.Peers, p => Assert.False(p.Settings.ForceUdpEncapsulation, p.Name));
        Assert.False(plan.Responders.FindPeer(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 500), new IPEndPoint(IPAddress.Parse("192.0.2.99"), 500))!.ForceUdpEncapsulation);
    }

    private static EndpointPlan Build(bool forceUdpEncapsulation)
    {
        EndpointPlanResult result = EndpointPlanBuilder.Build(ConfigurationText.Load(SiteToSitePlanTests.Json), forceUdpEncapsulation: forceUdpEncapsulation);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan;
    }
}
