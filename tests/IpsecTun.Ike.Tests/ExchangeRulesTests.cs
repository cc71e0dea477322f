using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Messages.Rules;
using static IpsecTun.Ike.Tests.RawMessage;

namespace IpsecTun.Ike.Tests;

public class ExchangeRulesTests
{
    private static readonly Payload Sa = new SecurityAssociationPayload([new Proposal(1, ProtocolId.Esp, new byte[4], [new Transform(TransformType.Encryption, 20, [TransformAttribute.KeyLength(128)])])]);
    private static readonly Payload Ke = new KeyExchangePayload(KeyExchangeGroupId.Ecp256, new byte[64]);
    private static readonly Payload Nonce = new NoncePayload(new byte[32]);
    private static readonly Payload Tsi = new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, [TrafficSelector.AddressRange(System.Net.IPAddress.Any, System.Net.IPAddress.Broadcast)]);
    private static readonly Payload Tsr = new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, [TrafficSelector.AddressRange(System.Net.IPAddress.Any, System.Net.IPAddress.Broadcast)]);
    private static readonly Payload IdI = IdentificationPayload.FromText(PayloadType.IdInitiator, IdentificationType.Fqdn, "a.example");
    private static readonly Payload IdR = IdentificationPayload.FromText(PayloadType.IdResponder, IdentificationType.Fqdn, "b.example");
    private static readonly Payload Auth = new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, new byte[32]);
    private static readonly Payload Sealed = new EncryptedPayload(PayloadType.IdInitiator, new byte[64]);

    private static bool Check(ExchangeType exchange, bool response, Payload[] payloads, out IkeError error)
    {
        IkeHeaderFlags flags = response ? IkeHeaderFlags.Response : IkeHeaderFlags.Initiator;
        if (exchange == ExchangeType.IkeSaInit)
        {
            return ExchangeRules.Check(new IkeMessage(Header(exchange, flags), payloads), null, out error);
        }

        return ExchangeRules.Check(new IkeMessage(Header(exchange, flags, 1), [Sealed]), payloads, out error);
    }

    public static TheoryData<ExchangeType, bool, Payload[]> Allowed => new()
    {
        { ExchangeType.IkeSaInit, false, [Sa, Ke, Nonce, new NotifyPayload(NotifyType.NatDetectionSourceIp, new byte[20]), new VendorIdPayload(new byte[] { 1 })] },
        { ExchangeType.IkeSaInit, true, [Sa, Ke, Nonce, new CertificateRequestPayload(CertificateEncoding.X509Signature, new byte[20])] },
        { ExchangeType.IkeSaInit, true, [new NotifyPayload(NotifyType.Cookie, new byte[16])] },
        { ExchangeType.IkeSaInit, true, [new NotifyPayload(NotifyType.InvalidKePayload, new byte[2])] },
        { ExchangeType.IkeAuth, false, [IdI, IdR, Auth, Sa, Tsi, Tsr] },
        { ExchangeType.IkeAuth, false, [IdI, Auth] },
        { ExchangeType.IkeAuth, false, [new EapPayload(new byte[] { 2, 1, 0, 6, 1, 0x61 })] },
        { ExchangeType.IkeAuth, true, [IdR, Auth, new ConfigurationPayload(ConfigurationType.Reply, []), Sa, Tsi, Tsr] },
        { ExchangeType.IkeAuth, true, [new NotifyPayload(NotifyType.AuthenticationFailed)] },
        { ExchangeType.CreateChildSa, false, [Sa, Nonce, Ke, Tsi, Tsr] },
        { ExchangeType.CreateChildSa, false, [Sa, Nonce, Ke] },
        { ExchangeType.CreateChildSa, true, [new NotifyPayload(NotifyType.NoProposalChosen)] },
        { ExchangeType.Informational, false, [] },
        { ExchangeType.Informational, false, [DeletePayload.IkeSa()] },
        { ExchangeType.Informational, true, [new NotifyPayload(NotifyType.UpdateSaAddresses)] },
        { ExchangeType.IkeIntermediate, false, [Ke] },
        { ExchangeType.IkeIntermediate, true, [] },
        { ExchangeType.IkeFollowupKe, false, [Ke, new NotifyPayload(NotifyType.AdditionalKeyExchange, new byte[] { 1 })] },
        { ExchangeType.IkeFollowupKe, true, [new NotifyPayload(NotifyType.StateNotFound)] },
    };

    public static TheoryData<ExchangeType, bool, Payload[]> Refused => new()
    {
        { ExchangeType.IkeSaInit, false, [Sa, Ke] },
        { ExchangeType.IkeSaInit, false, [Sa, Ke, Nonce, Nonce] },
        { ExchangeType.IkeSaInit, false, [Sa, Ke, Nonce, IdI] },
        { ExchangeType.IkeSaInit, true, [Sa, Nonce] },
        { ExchangeType.IkeAuth, false, [IdI, IdI, Auth] },
        { ExchangeType.IkeAuth, false, [IdI, Auth, Sa, Tsi] },
        { ExchangeType.IkeAuth, false, [IdI, Auth, Ke] },
        { ExchangeType.IkeAuth, true, [IdR, Auth, Nonce] },
        { ExchangeType.CreateChildSa, false, [Sa, Ke, Tsi, Tsr] },
        { ExchangeType.CreateChildSa, false, [Sa, Nonce, Tsi] },
        { ExchangeType.CreateChildSa, true, [Nonce] },
        { ExchangeType.Informational, false, [Sa] },
        { ExchangeType.IkeIntermediate, false, [Ke, Ke] },
        { ExchangeType.IkeFollowupKe, false, [new NotifyPayload(NotifyType.AdditionalKeyExchange, new byte[] { 1 })] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Allowed_messages(ExchangeType exchange, bool response, Payload[] payloads)
    {
        Assert.True(Check(exchange, response, payloads, out IkeError error), error.Reason);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_messages(ExchangeType exchange, bool response, Payload[] payloads)
    {
        Assert.False(Check(exchange, response, payloads, out IkeError error));
        Assert.Equal(NotifyType.InvalidSyntax, error.Notify);
    }

    [Fact]
    public void Protected_exchanges_carry_nothing_outside_sk()
    {
        var clear = new IkeMessage(Header(ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1), [IdI, Auth]);
        Assert.False(ExchangeRules.Check(clear, null, out _));
        var both = new IkeMessage(Header(ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1), [Nonce, Sealed]);
        Assert.False(ExchangeRules.Check(both, [IdI, Auth], out _));
        var sealedInit = new IkeMessage(Header(ExchangeType.IkeSaInit), [Sealed]);
        Assert.False(ExchangeRules.Check(sealedInit, [Sa, Ke, Nonce], out _));
    }

    [Fact]
    public void A_sealed_message_passes_framing_before_decryption()
    {
        Assert.True(ExchangeRules.Check(new IkeMessage(Header(ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1), [Sealed]), null, out _));
    }

    [Fact]
    public void Unknown_exchange_types_are_refused()
    {
        Assert.False(ExchangeRules.Check(new IkeMessage(Header((ExchangeType)99), [Nonce]), null, out IkeError error));
        Assert.Equal(NotifyType.InvalidSyntax, error.Notify);
    }

    [Fact]
    public void The_table_has_both_directions_of_each_exchange()
    {
        foreach (ExchangeType exchange in new[] { ExchangeType.IkeSaInit, ExchangeType.IkeAuth, ExchangeType.CreateChildSa, ExchangeType.Informational, ExchangeType.IkeIntermediate, ExchangeType.IkeFollowupKe })
        {
            Assert.True(ExchangeRules.TryGet(exchange, false, out _));
            Assert.True(ExchangeRules.TryGet(exchange, true, out _));
        }
    }
}
