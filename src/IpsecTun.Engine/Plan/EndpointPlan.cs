using IpsecTun.Config;
using IpsecTun.Esp;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A configuration translated into what the runtime acts on: peers with their IKE settings, the
/// responder lookup, and the policies for the Security Policy Database in configured order (templates
/// included; they never match traffic). Built whole from one <see cref="IpsecConfiguration"/> and never
/// changed, so a reload swaps one plan for another.
/// </summary>
public sealed class EndpointPlan(
    IpsecConfiguration configuration,
    IReadOnlyList<PeerPlan> peers,
    IResponderConfiguration responders,
    IReadOnlyList<SecurityPolicy> policies)
{
    public IpsecConfiguration Configuration { get; } = configuration;

    public IReadOnlyList<PeerPlan> Peers { get; } = peers;

    public IResponderConfiguration Responders { get; } = responders;

    public IReadOnlyList<SecurityPolicy> Policies { get; } = policies;

    /// <summary>Where the configuration came from (its file), for errors about it.</summary>
    public string Source { get; init; } = "configuration";

    public PeerPlan? FindPeer(string name) => Peers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
