using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;

#pragma warning disable CA5351 // RADIUS is defined over MD5.

namespace IpsecTun.Eap.Tests;

/// <summary>A RADIUS server in front of our <see cref="EapServer"/>, checking what a real one checks of each request.</summary>
internal sealed class FakeRadiusEapServer : IDisposable
{
    private readonly byte[] _secret;
    private byte[]? _issuedState;
    private int _round;

    public FakeRadiusEapServer(byte[] secret, EapType method)
    {
        _secret = secret;
        Eap = new EapServer([method], EapConversation.LookUp, RandomSource.System);
    }

    public EapServer Eap { get; }

    public List<RadiusPacket> Requests { get; } = [];

    public byte[] Handle(byte[] datagram)
    {
        Assert.True(RadiusPacket.TryParse(datagram, out var request));
        Requests.Add(request!);
        byte[] unsigned = (byte[])datagram.Clone();
        unsigned.AsSpan(datagram.Length - 16).Clear();
        Assert.Equal(HMACMD5.HashData(_secret, unsigned), datagram[^16..]);
        var state = request!.Attributes.SingleOrDefault(a => a.Type == RadiusAttributeType.State);
        Assert.Equal(_issuedState, state?.Value.ToArray());
        Assert.True(RadiusClientCodec.TryReadEapMessage(request, out var eap));

        var outcome = Eap.Process(eap!);
        byte[] authenticator = request.Authenticator.ToArray();
        List<RadiusAttribute> attributes = [new(RadiusAttributeType.EapMessage, outcome.Packet!.ToArray()), new(RadiusAttributeType.MessageAuthenticator, new byte[16])];
        switch (outcome.Kind)
        {
            case EapOutcomeKind.Send:
                _issuedState = [(byte)'s', (byte)++_round];
                attributes.Add(new RadiusAttribute(RadiusAttributeType.State, _issuedState));
                return TestRadiusServer.Respond(RadiusCode.AccessChallenge, request.Identifier, authenticator, _secret, attributes);
            case EapOutcomeKind.Succeeded:
                byte[] msk = outcome.Keys!.Msk.ToArray();
                outcome.Keys.Dispose();
                attributes.Add(TestRadiusServer.MppeKey(17, msk[..32], _secret, authenticator));
                attributes.Add(TestRadiusServer.MppeKey(16, msk[32..], _secret, authenticator));
                attributes.Add(new RadiusAttribute(RadiusAttributeType.FramedIpAddress, [10, 0, 0, 7]));
                return TestRadiusServer.Respond(RadiusCode.AccessAccept, request.Identifier, authenticator, _secret, attributes);
            default:
                return TestRadiusServer.Respond(RadiusCode.AccessReject, request.Identifier, authenticator, _secret, attributes);
        }
    }

    public void Dispose() => Eap.Dispose();
}
