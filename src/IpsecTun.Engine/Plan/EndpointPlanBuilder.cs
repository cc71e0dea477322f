using IpsecTun.Config;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// Translates a loaded configuration into an <see cref="EndpointPlan"/>: every policy in configured
/// order as a Security Policy Database entry, and every enabled peer with its IKE settings, Child SAs
/// and fingerprint. Disabled peers and identities are left out. What the configuration asks for and the
/// engine cannot do yet (certificates, EAP) is reported as errors, and then there is no plan.
/// </summary>
public static class EndpointPlanBuilder
{
    /// <param name="configuration">A configuration as loaded and validated.</param>
    /// <param name="source">How errors name where the configuration came from (its file).</param>
    /// <param name="forceUdpEncapsulation">
    /// Every peer carries ESP in UDP on the NAT-T port as if a NAT were on the path, initiating and
    /// responding, for hosts where raw ESP cannot be received.
    /// </param>
    public static EndpointPlanResult Build(IpsecConfiguration configuration, string source = "configuration", bool forceUdpEncapsulation = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(source);
        var errors = new PlanErrors(configuration, source);
        SecurityPolicy[] policies =
        [
            .. configuration.Policies.Select(p => PolicyMapper.ToSecurityPolicy(p, p.Peer is { } name ? configuration.Peers.FirstOrDefault(x => x.Name == name) : null)),
        ];
        var planner = new PeerPlanner(configuration, policies, errors, forceUdpEncapsulation);
        var peers = new List<ResponderPeer>();
        foreach (var peer in configuration.Peers.Where(p => !p.Disabled))
        {
            if (planner.Plan(peer) is { } planned)
            {
                peers.Add(planned);
            }
        }

        if (errors.Count > 0)
        {
            return new EndpointPlanResult(null, errors.ToImmutable());
        }

        var plan = new EndpointPlan(configuration, [.. peers.Select(p => p.Plan)], new ResponderConfiguration(peers), policies) { Source = source };
        return new EndpointPlanResult(plan, []);
    }
}
