using System.Net;
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
}
