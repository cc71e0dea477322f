using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

/// <summary>Runs a peer against a server in one process, every packet passing through its wire encoding.</summary>
internal sealed class EapConversation : IDisposable
{
    public const string UserName = "alice";
    public const string UserPassword = "correct horse";

    private readonly EapCredentials _peerCredentials;

    public EapConversation(
        EapType[] peerMethods, EapType[] serverMethods, string peerPassword = UserPassword, string peerIdentity = UserName,
        EapTlsSettings? peerTls = null, EapTlsSettings? serverTls = null)
    {
        _peerCredentials = new EapCredentials(peerIdentity, peerPassword);
        Peer = new EapPeer(_peerCredentials, peerMethods, RandomSource.System, peerTls);
        Server = new EapServer(serverMethods, LookUp, RandomSource.System, serverTls);
    }

    public EapPeer Peer { get; }

    public EapServer Server { get; }

    /// <summary>Every packet sent, in order, server's and peer's interleaved.</summary>
    public List<EapPacket> Packets { get; } = [];

    public EapOutcome? PeerOutcome { get; private set; }

    public EapOutcome? ServerOutcome { get; private set; }

    public static EapCredentials? LookUp(string identity) =>
        identity == UserName ? new EapCredentials(UserName, UserPassword) : null;

    public void Run()
    {
        var serverOutcome = Server.Start();
        for (int round = 0; round < 1000; round++)
        {
            ServerOutcome = serverOutcome;
            if (serverOutcome.Packet is null)
            {
                return;
            }

            Packets.Add(serverOutcome.Packet);
            var peerOutcome = Peer.Process(serverOutcome.Packet.ToArray());
            PeerOutcome = peerOutcome;
            if (peerOutcome.Kind != EapOutcomeKind.Send)
            {
                return;
            }

            Packets.Add(peerOutcome.Packet!);
            serverOutcome = Server.Process(peerOutcome.Packet!.ToArray());
        }

        throw new InvalidOperationException("The conversation did not end.");
    }

    public void Dispose()
    {
        PeerOutcome?.Keys?.Dispose();
        ServerOutcome?.Keys?.Dispose();
        Peer.Dispose();
        Server.Dispose();
        _peerCredentials.Dispose();
    }
}
