using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Fixtures;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>A responder fed the IKE_SA_INIT request a real strongSwan 5.9.8 initiator sent.</summary>
public sealed class StrongSwanRequestTests
{
    private static readonly IPEndPoint StrongSwan = new(IPAddress.Parse("10.99.0.1"), 500);
    private static readonly IPEndPoint Us = new(IPAddress.Parse("10.99.0.2"), 500);

    [Theory]
    [InlineData(StrongSwanCapture.CbcSha256Modp2048, EncryptionTransformId.AesCbc, KeyExchangeGroupId.Modp2048)]
    [InlineData(StrongSwanCapture.Gcm16Ecp256Fragmented, EncryptionTransformId.AesGcm16, KeyExchangeGroupId.Ecp256)]
    public void Responder_answers_a_recorded_strongswan_ike_sa_init_request(string capture, EncryptionTransformId cipher, KeyExchangeGroupId group)
    {
        byte[] request = StrongSwanCapture.Load(capture).Datagrams[0];
        Assert.True(TransformRegistry.TryGetEncryption(cipher, 128, out EncryptionAlgorithm? encryption));
        Assert.True(TransformRegistry.TryGetKeyExchange(group, out KeyExchangeGroup? kex));
        IReadOnlyList<IntegrityAlgorithm> integrity = encryption.IsAead ? [] : [IntegrityAlgorithms.HmacSha2_256_128];
        var settings = new IkeSaSettings(
            [new IkeProposalSettings([encryption], [PrfAlgorithms.HmacSha2_256], integrity, [kex])],
            IkeIdentity.FromFqdn("right.example.org"), null, new PreSharedKey(StrongSwanCapture.PreSharedKey),
            new ChildSaSettings([new ChildProposalSettings([encryption], integrity)], [TwoPeers.Range("10.2.0.0-10.2.0.255")], [TwoPeers.Range("10.99.0.1-10.99.0.1")], ChildSaMode.Tunnel, TimeSpan.FromHours(1)),
            TimeSpan.FromHours(8), RetransmissionSettings.Default);
        using IkeSa responder = IkeSa.CreateResponder(settings, new FakeChildSaHost(1), Us, StrongSwan, new CountingRandom(3), new ManualTime());

        IkeSaOutput output = responder.Receive(request, StrongSwan, Us);

        Assert.Equal(IkeSaState.Authenticating, responder.State);
        // The captures were made with encap=yes, for which charon fakes its source hash to force UDP
        // encapsulation; the destination hash it computed over our address must match ours exactly.
        Assert.True(responder.RemoteBehindNat);
        Assert.False(responder.LocalBehindNat);
        Assert.True(IkeMessage.TryParse(Assert.Single(output.Datagrams).Data.Span, out IkeMessage? response, out IkeError error), error.Reason);
        Assert.True(IkeMessage.TryParse(request, out IkeMessage? parsedRequest, out _));
        Assert.Equal(parsedRequest.Header.InitiatorSpi, response.Header.InitiatorSpi);
        Assert.Equal(responder.ResponderSpi, response.Header.ResponderSpi);
        Assert.True(response.Header.IsResponse);
        Proposal chosen = Assert.Single(response.Payloads.OfType<SecurityAssociationPayload>().Single().Proposals);
        Assert.Contains(chosen.Transforms, t => t.Type == TransformType.Encryption && t.Id == (ushort)cipher && t.KeyLengthBits == 128);
        Assert.Contains(chosen.Transforms, t => t.Type == TransformType.KeyExchange && t.Id == (ushort)group);
        Assert.Equal(kex.PublicValueSize, response.Payloads.OfType<KeyExchangePayload>().Single().Data.Length);
        Assert.Equal(2, response.Payloads.OfType<NotifyPayload>().Count(n => n.NotifyType is NotifyType.NatDetectionSourceIp or NotifyType.NatDetectionDestinationIp));
    }
}
