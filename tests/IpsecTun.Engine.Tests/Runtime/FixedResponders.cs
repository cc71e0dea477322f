using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>A responder lookup with one peer at one address and no per-identity settings.</summary>
internal sealed class FixedResponders(IPAddress peer, IkeSaSettings settings) : IResponderConfiguration
{
    public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote) => remote.Address.Equals(peer) ? settings : null;

    public IkeSaSettings? FindIdentity(IkeSaSettings peerSettings, IdentificationPayload initiatorId) => peerSettings;
}
