using System.Net;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// How a responder finds its settings, implemented by the host over its configuration model: first the
/// peer by the addresses of the IKE_SA_INIT request (most specific prefix), then, in IKE_AUTH, the
/// identity the initiator claims (remote ID), which may replace the credentials and Child SA settings.
/// A server host also assigns mode-config (addresses from pools) and checks the traffic selectors of
/// identities whose policies are generated from templates.
/// </summary>
public interface IResponderConfiguration
{
    /// <summary>Settings for a request from <paramref name="remote"/> to <paramref name="local"/>, or null when no peer matches.</summary>
    IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote);

    /// <summary>Settings for the identity <paramref name="initiatorId"/> under the peer found before, or null when none matches.</summary>
    IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId);

    /// <summary>
    /// Settings for an initiator that claims <paramref name="initiatorId"/> and sent <paramref name="certificate"/>
    /// (null without CERT), for identities with match-by=certificate; by default the lookup is by ID alone.
    /// The certificate is not yet verified: the chosen settings decide how it is checked.
    /// </summary>
    IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId, X509Certificate2? certificate) =>
        FindIdentity(peer, initiatorId);

    /// <summary>
    /// What an authenticated mode-config client gets (called once per IKE_AUTH that carries CFG_REQUEST, on the
    /// host's IKE thread): null for no mode-config (no CFG_REPLY); a result without an address of a requested
    /// family when none could be assigned (INTERNAL_ADDRESS_FAILURE). By default the identity's fixed answer.
    /// The host keeps what it assigned for as long as an IKE SA of that client holds it (<see cref="IkeSa.ModeConfig"/>).
    /// </summary>
    ModeConfigResult? AssignModeConfig(IkeSaSettings identity, IkeIdentity initiatorId, ModeConfigRequest requested) =>
        identity.ModeConfigAnswer;

    /// <summary>
    /// For an identity whose policies are generated (generate-policy): the selectors to agree on from the
    /// initiator's <paramref name="initiator"/> (TSi, already narrowed to a mode-config client's addresses) and
    /// <paramref name="responder"/> (TSr), empty to refuse with TS_UNACCEPTABLE. Null (the default) when the
    /// identity's own Child SA selectors apply.
    /// </summary>
    GeneratedSelectors? GenerateSelectors(IkeSaSettings identity, IReadOnlyList<TrafficSelector> initiator, IReadOnlyList<TrafficSelector> responder) =>
        null;
}
