using System.Net;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// How a responder finds its settings, implemented by the host over its configuration model: first the
/// peer by the addresses of the IKE_SA_INIT request (most specific prefix), then, in IKE_AUTH, the
/// identity the initiator claims (remote ID), which may replace the credentials and Child SA settings.
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
}
