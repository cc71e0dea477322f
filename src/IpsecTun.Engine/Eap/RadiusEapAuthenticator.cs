using System.Buffers.Binary;
using System.Net;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Engine.Eap;

/// <summary>
/// EAP passthrough to RADIUS (RFC 3579) behind Ike's <see cref="IEapAuthenticator"/>: we ask for the identity
/// ourselves, then every EAP Response goes to the RADIUS server in the background and the IKE SA picks the answer
/// up on its next tick (<see cref="Poll"/>). The Access-Accept's MS-MPPE keys become the MSK and its
/// Framed-IP-Address the client's virtual address; <paramref name="accepted"/> is told of the Access-Accept, for the
/// accounting of the session it opens.
/// </summary>
internal sealed class RadiusEapAuthenticator(RadiusEapSession session, RandomSource random, Action<RadiusPacket>? accepted = null) : IEapAuthenticator
{
    private readonly CancellationTokenSource _stop = new();
    private Task<EapOutcome>? _forwarding;
    private string? _identity;

    public EapRound Start()
    {
        Span<byte> identifier = stackalloc byte[1];
        random.Fill(identifier);
        return EapRound.Send(EapPacket.Request(identifier[0], EapType.Identity, []).ToArray());
    }

    public EapRound Process(ReadOnlyMemory<byte> message)
    {
        if (_forwarding is not null || !EapPacket.TryParse(message.Span, out EapPacket? response, out _) || response!.Code != EapCode.Response)
        {
            return EapRound.Failed(null, "the initiator sent no EAP Response to relay");
        }

        if (response.Type == EapType.Identity && _identity is null)
        {
            _identity = Encoding.UTF8.GetString(response.TypeData);
        }

        _forwarding = session.ForwardAsync(response, _stop.Token);
        return EapRound.Pending();
    }

    public EapRound? Poll()
    {
        if (_forwarding is not { IsCompleted: true } done)
        {
            return null;
        }

        _forwarding = null;
        if (!done.IsCompletedSuccessfully)
        {
            return EapRound.Failed(null, $"the RADIUS exchange ended: {done.Exception?.InnerException?.Message ?? "cancelled"}");
        }

        EapOutcome outcome = done.Result;
        if (outcome.Kind != EapOutcomeKind.Succeeded)
        {
            return EapRounds.From(outcome, _identity);
        }

        if (session.Accept is { } accept)
        {
            accepted?.Invoke(accept);
        }

        return EapRounds.From(outcome, _identity, FramedAddress(session.Accept));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    /// <summary>Framed-IP-Address, unless it is one of RFC 2865's two markers that leave the choice to the user or the NAS.</summary>
    private static IPAddress? FramedAddress(RadiusPacket? accept)
    {
        RadiusAttribute? framed = accept?.Attributes.FirstOrDefault(a => a.Type == RadiusAttributeType.FramedIpAddress && a.Value.Length == 4);
        if (framed is null)
        {
            return null;
        }

        uint value = BinaryPrimitives.ReadUInt32BigEndian(framed.Value);
        return value is 0xFFFFFFFF or 0xFFFFFFFE ? null : new IPAddress(framed.Value);
    }
}
