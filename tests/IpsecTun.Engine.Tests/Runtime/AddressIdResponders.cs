using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>A responder lookup with one peer at one address that must present that address as its ID, as strongSwan's `remote { id = ADDRESS }` demands.</summary>
internal sealed class AddressIdResponders(IPAddress peer, IkeSaSettings settings) : IResponderConfiguration
{
    private readonly IkeIdentity _expected = IkeIdentity.FromAddress(peer);

    public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote) => remote.Address.Equals(peer) ? settings : null;

    public IkeSaSettings? FindIdentity(IkeSaSettings peerSettings, IdentificationPayload initiatorId) =>
        initiatorId.IdType == _expected.Type && initiatorId.Data.Span.SequenceEqual(_expected.Data.Span) ? peerSettings : null;
}
