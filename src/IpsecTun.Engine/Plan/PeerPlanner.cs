using System.Net;
using System.Net.Sockets;
using IpsecTun.Config;
using IpsecTun.Esp;
using IpsecTun.Ike.Settings;
using IkeSelector = IpsecTun.Ike.Messages.TrafficSelector;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// Plans one enabled peer: its IKE proposals from the profile, one set of IKE settings per enabled
/// identity, a Child SA per encrypt policy that names it, and its fingerprint. Anything the IKE engine
/// cannot do yet is an error on the entry that asks for it, never a silent fallback.
/// </summary>
internal sealed class PeerPlanner(IpsecConfiguration configuration, IReadOnlyList<SecurityPolicy> policies, PlanErrors errors, bool forceUdpEncapsulation = false)
{
    private readonly SignatureMapper signatures = new(new CertificateStore(configuration, errors), errors);

    private ExtendedSequenceNumberUse Esn => configuration.Endpoint.ExtendedSequenceNumbers;

    public ResponderPeer? Plan(Peer peer)
    {
        int errorsBefore = errors.Count;
        var identities = configuration.IdentitiesOf(peer.Name).Where(i => !i.Disabled).ToList();
        if (identities.Count == 0)
        {
            errors.Peer(peer, null, $"has no enabled identity, so it cannot authenticate: add an ip.ipsec.identity with peer={peer.Name}");
        }

        var children = Children(peer);
        ChildSaSettings firstChild = children.Count > 0 ? children[0].Settings : TemplateChild(peer, identities);
        IReadOnlyList<ChildSaSettings>? moreChildren = children.Count > 1 ? [.. children.Skip(1).Select(c => c.Settings)] : null;
        var profile = configuration.Profile(peer.Profile);
        var proposals = IkeProposalMapper.Map(profile);
        var settings = new List<IkeSaSettings>(identities.Count);
        foreach (var identity in identities)
        {
            if (Settings(peer, profile, proposals, identity, firstChild) is { } identitySettings)
            {
                settings.Add(identitySettings with { AdditionalChildren = moreChildren });
            }
        }

        if (errors.Count != errorsBefore)
        {
            return null;
        }

        ModeConfig? modeConfigClient = ModeConfigClient(identities[0]);
        IkeSaSettings initiator = modeConfigClient is null ? settings[0] : settings[0] with { ModeConfig = new ModeConfigRequest() };
        var plan = new PeerPlan(
            peer.Name, peer.Address, peer.Port, peer.LocalAddress, peer.Passive, initiator, children,
            PeerFingerprint.Compute(configuration, peer, identities, [.. configuration.Policies.Where(p => NamesPeer(p, peer))]),
            modeConfigClient);
        return new ResponderPeer(plan, settings, identities);
    }

    private IkeSaSettings? Settings(Peer peer, Profile profile, IReadOnlyList<IkeProposalSettings> proposals, Identity identity, ChildSaSettings child)
    {
        bool eap = identity.AuthMethod is AuthMethod.Eap or AuthMethod.EapRadius;
        if (identity.AuthMethod is not (AuthMethod.PreSharedKey or AuthMethod.DigitalSignature) && !eap)
        {
            errors.Identity(identity, "auth-method", $"{AuthMethodName(identity.AuthMethod)} is not supported yet: the IKE engine authenticates with pre-shared keys, certificates and EAP; use auth-method=pre-shared-key with a secret or digital-signature with a certificate");
            return null;
        }

        bool signs = identity.AuthMethod == AuthMethod.DigitalSignature;
        var credentials = signs ? signatures.Map(identity) : null;
        var localId = IdentityMapper.Local(identity.MyId, peer, credentials?.Certificate.Certificate, out string? localError);
        if (localError is not null)
        {
            errors.Identity(identity, "my-id", localError);
        }

        var remoteId = IdentityMapper.Remote(identity.RemoteId, peer, out string? remoteError);
        if (remoteError is not null)
        {
            errors.Identity(identity, "remote-id", remoteError);
        }

        if (!signs && !eap && identity.Secret is null)
        {
            errors.Identity(identity, "secret", "is required with auth-method=pre-shared-key");
        }

        if (localId is null || remoteError is not null || (signs ? credentials is null : identity.Secret is null && !eap))
        {
            return null;
        }

        int fragmentSize = configuration.Endpoint.IkeFragmentSize;
        var settings = new IkeSaSettings(
            proposals, localId, remoteId, new PreSharedKey(signs || identity.Secret is null ? [] : identity.Secret.Value), child, profile.Lifetime,
            new RetransmissionSettings(configuration.Endpoint.IkeRetransmitTimeout, configuration.Endpoint.IkeRetransmitTries),
            profile.DpdInterval, peer.SendInitialContact, fragmentSize > 0 ? fragmentSize : null, NatTraversalPort: configuration.Endpoint.Listen.NatTPort,
            ForceUdpEncapsulation: forceUdpEncapsulation);
        if (eap)
        {
            return EapSettingsMapper.Apply(configuration, identity, settings, errors);
        }

        return credentials is null
            ? settings
            : settings with { AuthMethod = IkeAuthMethod.DigitalSignature, Certificate = credentials.Certificate, PeerValidation = credentials.Validation };
    }

    /// <summary>The identity's mode-config when it is a client entry (responder=no): this side then requests one.</summary>
    private ModeConfig? ModeConfigClient(Identity identity) =>
        identity.ModeConfig is { } name && configuration.ModeConfig(name) is { Responder: false } modeConfig ? modeConfig : null;

    private List<ChildPlan> Children(Peer peer)
    {
        var children = new List<ChildPlan>();
        for (int i = 0; i < configuration.Policies.Length; i++)
        {
            var policy = configuration.Policies[i];
            if (!NamesPeer(policy, peer))
            {
                continue;
            }

            var proposal = configuration.Proposal(policy.Proposal);
            if (proposal.Disabled)
            {
                errors.Policy(policy, "proposal", $"proposal {proposal.Name} is disabled; enable it or name another");
                continue;
            }

            if (policy.IpsecProtocols == IpsecProtocol.Ah && !proposal.AuthAlgorithms.OfType<Crypto.IntegrityAlgorithm>().Any())
            {
                errors.Policy(policy, "ipsec-protocols", $"ah authenticates with the proposal's auth-algorithms, and proposal {proposal.Name} has none");
                continue;
            }

            children.Add(new ChildPlan(policies[i], new ChildSaSettings(
                ChildProposalMapper.Map(proposal, Esn, PolicyMapper.ChildProtocol(policy)), [PolicyMapper.LocalSelector(policy)], [PolicyMapper.RemoteSelector(policy)],
                policy.Tunnel ? ChildSaMode.Tunnel : ChildSaMode.Transport, proposal.Lifetime, PolicyMapper.ChildProtocol(policy),
                Unique: policy.Level == Config.PolicyLevel.Unique)));
        }

        return children;
    }

    /// <summary>
    /// What a peer with no encrypt policy of its own (a responder that generates policies) offers: the
    /// templates of the policy-template-group of its first identity that generates policies, with the
    /// first template's proposal; without templates, any traffic of the peer's family with the default proposal.
    /// </summary>
    private ChildSaSettings TemplateChild(Peer peer, IReadOnlyList<Identity> identities)
    {
        string? group = identities.FirstOrDefault(i => i.GeneratePolicy != GeneratePolicy.No)?.PolicyTemplateGroup;
        var templates = configuration.Policies.Where(p => p.Template && !p.Disabled && p.Group == group).ToList();
        if (templates.Count == 0)
        {
            var any = new IPNetwork(peer.Address.Prefix?.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            var fallback = configuration.Proposal(Proposal.DefaultName);
            return new ChildSaSettings(ChildProposalMapper.Map(fallback, Esn), [PolicyMapper.AnySelector(any)], [PolicyMapper.AnySelector(any)], ChildSaMode.Tunnel, fallback.Lifetime);
        }

        var proposal = configuration.Proposal(templates[0].Proposal);
        return new ChildSaSettings(
            ChildProposalMapper.Map(proposal, Esn, PolicyMapper.ChildProtocol(templates[0])),
            [.. templates.SelectMany(t => BothFamilies(t.SrcAddress, PolicyMapper.LocalSelector(t)))],
            [.. templates.SelectMany(t => BothFamilies(t.DstAddress, PolicyMapper.RemoteSelector(t)))],
            ChildSaMode.Tunnel,
            proposal.Lifetime,
            PolicyMapper.ChildProtocol(templates[0]));
    }

    /// <summary>RouterOS's ::/0 template accepts IPv4 requests too, so it stands for 0.0.0.0/0 as well.</summary>
    private static IEnumerable<IkeSelector> BothFamilies(IPNetwork network, IkeSelector selector) =>
        network.PrefixLength == 0 && network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6
            ? [PolicyMapper.AnySelector(new IPNetwork(IPAddress.Any, 0)), selector]
            : [selector];

    private static bool NamesPeer(Policy policy, Peer peer) =>
        policy.Action == Config.PolicyAction.Encrypt && !policy.Disabled && !policy.Template && policy.Peer == peer.Name;

    private static string AuthMethodName(AuthMethod method) => method switch
    {
        AuthMethod.Eap => "auth-method=eap",
        _ => "auth-method=eap-radius",
    };
}
