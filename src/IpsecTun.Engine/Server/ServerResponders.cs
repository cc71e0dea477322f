using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Config;
using IpsecTun.Core;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IkeSelector = IpsecTun.Ike.Messages.TrafficSelector;
using TrafficSelector = IpsecTun.Core.TrafficSelector;

namespace IpsecTun.Engine.Server;

/// <summary>
/// The endpoint's responder lookup: the current plan's peers and identities, plus what a server adds per client.
/// Mode-config comes from the chosen identity's mode-config through <see cref="ModeConfigServer"/>; an identity
/// with generate-policy has the initiator's selectors checked against the templates of its policy-template-group
/// (<see cref="PolicyTemplateMatcher"/>): the first selector pair a template admits is agreed on, narrowed where
/// the template is narrower, and the generated policy's origin is kept for <see cref="ChildSaHost.GeneratedFrom"/>.
/// Settings remember the plan that handed them out, so an SA started before a reload keeps its identity's rules.
/// </summary>
/// <remarks>Called on the endpoint's IKE thread only.</remarks>
internal sealed class ServerResponders(Func<EndpointPlan> currentPlan, ModeConfigServer modeConfig, Action<string> log) : IResponderConfiguration
{
    private readonly ConditionalWeakTable<IkeSaSettings, EndpointPlan> _handedBy = [];
    private readonly Dictionary<TrafficSelector, GeneratedPolicyOrigin> _generated = [];

    /// <summary>The address a DNS-named peer's name last resolved to, by peer name, so requests from there find that peer.</summary>
    public Func<string, IPAddress?> ResolvedAddressOf { get; init; } = _ => null;

    public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote)
    {
        EndpointPlan plan = currentPlan();
        IkeSaSettings? settings = plan.Responders is ResponderConfiguration configured
            ? configured.FindPeer(local, remote, ResolvedAddressOf)
            : plan.Responders.FindPeer(local, remote);
        return Remember(plan, settings);
    }

    public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId) => FindIdentity(peer, initiatorId, null);

    public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId, X509Certificate2? certificate)
    {
        EndpointPlan plan = PlanOf(peer);
        return Remember(plan, plan.Responders.FindIdentity(peer, initiatorId, certificate));
    }

    public ModeConfigResult? AssignModeConfig(IkeSaSettings identity, IkeIdentity initiatorId, ModeConfigRequest requested)
    {
        EndpointPlan plan = PlanOf(identity);
        if (Configured(plan, identity) is not { } configured)
        {
            return identity.ModeConfigAnswer;
        }

        ModeConfigResult? result = modeConfig.Assign(plan.Configuration, configured, initiatorId, requested, out string? problem);
        if (problem is not null)
        {
            log($"mode-config {configured.ModeConfig} for {initiatorId.Describe()}: {problem}");
        }

        return result;
    }

    public GeneratedSelectors? GenerateSelectors(IkeSaSettings identity, IReadOnlyList<IkeSelector> initiator, IReadOnlyList<IkeSelector> responder)
    {
        EndpointPlan plan = PlanOf(identity);
        if (Configured(plan, identity) is not { GeneratePolicy: not GeneratePolicy.No } configured)
        {
            return null;
        }

        // policy-template-group=none admits nothing.
        string group = configured.PolicyTemplateGroup ?? "";
        foreach (IkeSelector tsr in responder)
        {
            foreach (IkeSelector tsi in initiator)
            {
                if (!TryProposal(tsr, tsi, out TrafficSelector proposed)
                    || !PolicyTemplateMatcher.TryMatch(plan.Configuration.Policies, group, proposed, configured.GeneratePolicy, out TemplateMatch? match))
                {
                    continue;
                }

                byte protocol = match!.Selector.Protocol ?? 0;
                IkeSelector agreedR = Range(match.Selector.Source, protocol, tsr.StartPort, tsr.EndPort);
                IkeSelector agreedI = Range(match.Selector.Destination, protocol, tsi.StartPort, tsi.EndPort);
                if (SelectorConversion.TryCreate(agreedR, agreedI, out TrafficSelector installed))
                {
                    string? peer = (plan.Responders as ResponderConfiguration)?.PeerNameOf(identity);
                    _generated[installed] = new GeneratedPolicyOrigin(match.Template.Group, match.Template.Proposal, peer);
                }

                return new GeneratedSelectors([agreedI], [agreedR]);
            }
        }

        log($"policy-template-group {configured.PolicyTemplateGroup ?? "none"}: no template admits TSi {string.Join(", ", initiator)} TSr {string.Join(", ", responder)}");
        return GeneratedSelectors.Refused;
    }

    /// <summary>For <see cref="ChildSaHost.GeneratedFrom"/>: the origin of a policy generated for <paramref name="selector"/>, once.</summary>
    public GeneratedPolicyOrigin? TakeGenerated(TrafficSelector selector) =>
        _generated.Remove(selector, out GeneratedPolicyOrigin? origin) ? origin : null;

    private IkeSaSettings? Remember(EndpointPlan plan, IkeSaSettings? settings)
    {
        if (settings is not null)
        {
            _handedBy.AddOrUpdate(settings, plan);
        }

        return settings;
    }

    private EndpointPlan PlanOf(IkeSaSettings settings) => _handedBy.TryGetValue(settings, out EndpointPlan? plan) ? plan : currentPlan();

    private static Identity? Configured(EndpointPlan plan, IkeSaSettings settings) => (plan.Responders as ResponderConfiguration)?.IdentityOf(settings);

    /// <summary>One TSr/TSi pair as the policy it would generate (source = TSr); only whole prefixes of one family.</summary>
    private static bool TryProposal(IkeSelector tsr, IkeSelector tsi, out TrafficSelector proposed)
    {
        proposed = default;
        if (!TryPrefix(tsr, out IpPrefix source) || !TryPrefix(tsi, out IpPrefix destination) || source.Version != destination.Version
            || (tsr.Protocol != 0 && tsi.Protocol != 0 && tsr.Protocol != tsi.Protocol))
        {
            return false;
        }

        byte protocol = tsr.Protocol != 0 ? tsr.Protocol : tsi.Protocol;
        proposed = new TrafficSelector(
            source, destination, protocol == 0 ? null : protocol, new PortRange(tsr.StartPort, tsr.EndPort), new PortRange(tsi.StartPort, tsi.EndPort));
        return true;
    }

    private static bool TryPrefix(IkeSelector selector, out IpPrefix prefix)
    {
        prefix = default;
        if (!selector.IsAddressRange || selector.StartAddress is null || selector.EndAddress is null || selector.StartPort > selector.EndPort)
        {
            return false;
        }

        prefix = SelectorConversion.CoveringPrefix(selector.StartAddress, selector.EndAddress);
        return IpAddressBits.FromIPAddress(selector.StartAddress) == prefix.Address
            && IpAddressBits.FromIPAddress(selector.EndAddress) == (prefix.Address | ~prefix.Mask & LastAddress(prefix.Version));
    }

    private static IkeSelector Range(IpPrefix prefix, byte protocol, ushort startPort, ushort endPort) =>
        IkeSelector.AddressRange(
            IpAddressBits.ToIPAddress(prefix.Version, prefix.Address),
            IpAddressBits.ToIPAddress(prefix.Version, prefix.Address | ~prefix.Mask & LastAddress(prefix.Version)),
            protocol,
            startPort,
            endPort);

    private static UInt128 LastAddress(byte version) => version == 4 ? uint.MaxValue : UInt128.MaxValue;
}
