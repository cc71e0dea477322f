using System.Net;
using System.Security.Cryptography;
using System.Text;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Ike.Tests.TwoPeer.Eap;

/// <summary>
/// The server side of <see cref="ToyEap"/> with one user. With <paramref name="answersLater"/> every round is
/// returned <see cref="EapRoundKind.Pending"/> and parked in <see cref="Parked"/>, as a RADIUS-backed server does.
/// </summary>
internal sealed class ToyEapServer(string password, bool derivesMsk = true, bool answersLater = false, IPAddress? assigns = null) : IEapAuthenticator
{
    private string? _identity;

    public EapRound? Parked { get; private set; }

    /// <summary>Whether <see cref="Poll"/> hands the parked round over.</summary>
    public bool Ready { get; set; }

    public EapRound? Poll() => Ready ? Parked : null;

    /// <summary>A failure the server claims to have decided on while it waits for the initiator.</summary>
    public string? PendingFailure { get; init; }

    public EapRound Start() => Answer(EapRound.Send(ToyEap.Packet(ToyEap.Request, 1, ToyEap.IdentityType)));

    public EapRound Process(ReadOnlyMemory<byte> message)
    {
        ReadOnlySpan<byte> packet = message.Span;
        if (packet[4] == ToyEap.IdentityType)
        {
            _identity = Encoding.UTF8.GetString(packet[5..]);
            return Answer(EapRound.Send(ToyEap.Packet(ToyEap.Request, 2, ToyEap.ChallengeType, ToyEap.Challenge)));
        }

        return CryptographicOperations.FixedTimeEquals(packet[5..], ToyEap.Proof(password))
            ? Answer(EapRound.Succeeded(ToyEap.Packet(ToyEap.Success, packet[1]), derivesMsk ? ToyEap.Msk(password) : null, _identity, assigns))
            : Answer(EapRound.Failed(ToyEap.Packet(ToyEap.Failure, packet[1]), $"wrong password for {_identity}"));
    }

    public void Dispose()
    {
    }

    private EapRound Answer(EapRound round)
    {
        if (!answersLater)
        {
            return round;
        }

        Parked = round;
        return EapRound.Pending();
    }
}
