using System.Text;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Ike.Tests.TwoPeer.Eap;

/// <summary>The peer side of <see cref="ToyEap"/>; counts the packets it was given.</summary>
internal sealed class ToyEapClient(string identity, string password, bool derivesMsk = true, bool refusesChallenge = false) : IEapClient
{
    public int Processed { get; private set; }

    public EapRound Process(ReadOnlyMemory<byte> message)
    {
        Processed++;
        ReadOnlySpan<byte> packet = message.Span;
        return packet[0] switch
        {
            ToyEap.Request when packet[4] == ToyEap.IdentityType =>
                EapRound.Send(ToyEap.Packet(ToyEap.Response, packet[1], ToyEap.IdentityType, Encoding.UTF8.GetBytes(identity))),
            ToyEap.Request when packet[4] == ToyEap.ChallengeType && refusesChallenge => EapRound.Failed(null, "the challenge is not acceptable"),
            ToyEap.Request when packet[4] == ToyEap.ChallengeType => EapRound.Send(ToyEap.Packet(ToyEap.Response, packet[1], ToyEap.ChallengeType, ToyEap.Proof(password))),
            ToyEap.Success => EapRound.Succeeded(null, derivesMsk ? ToyEap.Msk(password) : null),
            _ => EapRound.Failed(null, "server sent EAP-Failure"),
        };
    }

    public void Dispose()
    {
    }
}
