using IpsecTun.Eap;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Engine.Eap;

/// <summary>The EAP peer of an initiator with auth-method=eap: the library's <see cref="EapPeer"/> behind Ike's <see cref="IEapClient"/>.</summary>
internal sealed class EapPeerClient(EapPeer peer, EapCredentials credentials) : IEapClient
{
    public EapRound Process(ReadOnlyMemory<byte> message) => EapRounds.From(peer.Process(message.Span));

    public void Dispose()
    {
        peer.Dispose();
        credentials.Dispose();
    }
}
