using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Messages.Rules;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.Fixtures;

/// <summary>Real messages of strongSwan 5.9.8, decoded, checked, decrypted with its logged keys and re-encoded.</summary>
public class StrongSwanFixtureTests
{
    public static TheoryData<string> Captures => new()
    {
        StrongSwanCapture.CbcSha256Modp2048, StrongSwanCapture.Gcm16Ecp256Fragmented, StrongSwanCapture.EcdsaP256Gcm16,
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_datagram_parses_passes_the_rule_table_and_re_encodes_byte_for_byte(string name)
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(name);
        Assert.True(capture.Datagrams.Count >= 10);
        foreach (byte[] datagram in capture.Datagrams)
        {
            Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out IkeError error), error.Reason);
            Assert.True(ExchangeRules.Check(message, null, out error), error.Reason);
            Assert.Equal(datagram, message.ToArray());
        }
    }

    [Fact]
    public void Ike_sa_init_request_carries_the_configured_proposal()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        IkeMessage request = capture.Parse(0);

        Assert.Equal((ExchangeType.IkeSaInit, 0u, 0ul), (request.Header.ExchangeType, request.Header.MessageId, request.Header.ResponderSpi));
        Assert.True(ExchangeRules.Check(request, null, out _));
        Proposal proposal = Assert.Single(Assert.IsType<SecurityAssociationPayload>(request.Payloads[0]).Proposals);
        Assert.Equal(ProtocolId.Ike, proposal.Protocol);
        Assert.Contains(proposal.Transforms, t => t.Type == TransformType.Encryption && t.Id == (ushort)EncryptionTransformId.AesCbc && t.KeyLengthBits == 128);
        Assert.Contains(proposal.Transforms, t => t.Type == TransformType.Integrity && t.Id == (ushort)IntegrityTransformId.HmacSha2_256_128);
        Assert.Contains(proposal.Transforms, t => t.Type == TransformType.PseudorandomFunction && t.Id == (ushort)PrfTransformId.HmacSha2_256);
        Assert.Contains(proposal.Transforms, t => t.Type == TransformType.KeyExchange && t.Id == (ushort)KeyExchangeGroupId.Modp2048);
        KeyExchangePayload ke = Assert.IsType<KeyExchangePayload>(request.Payloads[1]);
        Assert.Equal((KeyExchangeGroupId.Modp2048, 256), (ke.Group, ke.Data.Length));
        Assert.IsType<NoncePayload>(request.Payloads[2]);
        Assert.Equal(
            [NotifyType.NatDetectionSourceIp, NotifyType.NatDetectionDestinationIp, NotifyType.Ikev2FragmentationSupported,
             NotifyType.SignatureHashAlgorithms, NotifyType.RedirectSupported],
            request.Payloads.OfType<NotifyPayload>().Select(n => n.NotifyType));
        NotifyPayload hashes = request.Payloads.OfType<NotifyPayload>().Single(n => n.NotifyType == NotifyType.SignatureHashAlgorithms);
        Assert.Contains((ushort)2, NotifyData.ReadSignatureHashAlgorithms(hashes));
    }

    [Fact]
    public void Ike_sa_init_response_with_ecp256()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.Gcm16Ecp256Fragmented);
        IkeMessage response = capture.Parse(1);

        Assert.True(response.Header.IsResponse);
        Transform[] transforms = [.. Assert.IsType<SecurityAssociationPayload>(response.Payloads[0]).Proposals.Single().Transforms];
        Assert.Contains(transforms, t => t.Type == TransformType.Encryption && t.Id == (ushort)EncryptionTransformId.AesGcm16 && t.KeyLengthBits == 128);
        Assert.DoesNotContain(transforms, t => t.Type == TransformType.Integrity);
        KeyExchangePayload ke = Assert.IsType<KeyExchangePayload>(response.Payloads[1]);
        Assert.Equal((KeyExchangeGroupId.Ecp256, 64), (ke.Group, ke.Data.Length));
        Assert.Contains(response.Payloads, p => p is NotifyPayload { NotifyType: NotifyType.MultipleAuthSupported });
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_protected_message_decrypts_with_the_logged_keys_and_its_plaintext_re_encodes(string name)
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(name);
        int opened = 0;
        for (int i = 2; i < capture.Datagrams.Count; i++)
        {
            IkeMessage message = capture.Parse(i);
            if (message.Encrypted is null)
            {
                continue;
            }

            using SkProtection protection = capture.ProtectionFor(message);
            Assert.True(protection.TryDecryptContent(capture.Datagrams[i], message, out byte[]? plaintext));
            var inner = new List<Payload>();
            Assert.True(protection.TryOpen(capture.Datagrams[i], message, inner, out IkeError error), error.Reason);
            Assert.True(ExchangeRules.Check(message, inner, out error), $"{message.Header.ExchangeType}: {error.Reason}");

            byte[] reencoded = new byte[PayloadChain.GetSize(inner)];
            PayloadChain.Write(inner, reencoded);
            Assert.Equal(plaintext, reencoded);
            opened++;
        }

        Assert.True(opened >= 7);
    }

    [Theory]
    [InlineData(StrongSwanCapture.Gcm16Ecp256Fragmented)]
    [InlineData(StrongSwanCapture.EcdsaP256Gcm16)]
    public void Sealing_strongswans_plaintext_with_its_iv_reproduces_its_datagrams(string name)
    {
        // AES-GCM pads to one octet, so the same IV, plaintext and key give the same bytes: our SK and SKF
        // framing, AAD and ICV placement are strongSwan's. (Its CBC padding octets are random, so CBC differs
        // in the last block; the padding length is checked below.)
        StrongSwanCapture capture = StrongSwanCapture.Load(name);
        int reproduced = 0;
        for (int i = 2; i < capture.Datagrams.Count; i++)
        {
            IkeMessage message = capture.Parse(i);
            using SkProtection protection = capture.ProtectionFor(message);
            Assert.True(protection.TryDecryptContent(capture.Datagrams[i], message, out byte[]? plaintext));
            (ushort, ushort)? fragment = message.Fragment is { } skf ? (skf.FragmentNumber, skf.TotalFragments) : null;
            PayloadType first = message.Encrypted?.FirstInnerPayload ?? message.Fragment!.FirstInnerPayload;
            ReadOnlyMemory<byte> content = message.Encrypted?.Content ?? message.Fragment!.Content;

            byte[] sealedAgain = protection.Seal(message.Header, message.Payloads[^1].Type, first, fragment, plaintext, content.Span[..protection.IvSize]);

            Assert.Equal(capture.Datagrams[i], sealedAgain);
            reproduced++;
        }

        Assert.True(reproduced >= 8);
    }

    [Fact]
    public void Cbc_messages_use_the_minimal_padding_we_use()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        for (int i = 2; i < capture.Datagrams.Count; i++)
        {
            IkeMessage message = capture.Parse(i);
            using SkProtection protection = capture.ProtectionFor(message);
            Assert.True(protection.TryDecryptContent(capture.Datagrams[i], message, out byte[]? plaintext));
            Assert.Equal(message.Encrypted!.Content.Length, protection.GetContentSize(plaintext.Length));
        }
    }

    [Fact]
    public void Ike_auth_exchange_contents()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        List<Payload> request = Open(capture, 2);
        List<Payload> response = Open(capture, 3);

        Assert.Equal(
            [PayloadType.IdInitiator, PayloadType.Notify, PayloadType.IdResponder, PayloadType.Authentication, PayloadType.Configuration,
             PayloadType.SecurityAssociation, PayloadType.TrafficSelectorInitiator, PayloadType.TrafficSelectorResponder,
             PayloadType.Notify, PayloadType.Notify, PayloadType.Notify, PayloadType.Notify, PayloadType.Notify],
            request.Select(p => p.Type));
        IdentificationPayload idi = Assert.IsType<IdentificationPayload>(request[0]);
        Assert.Equal(IdentificationType.Rfc822Address, idi.IdType);
        Assert.True(idi.TryGetText(out string? initiator));
        Assert.Equal("left@example.org", initiator);
        Assert.Equal(AuthMethod.SharedKeyMessageIntegrityCode, Assert.IsType<AuthenticationPayload>(request[3]).Method);
        ConfigurationPayload cpRequest = Assert.IsType<ConfigurationPayload>(request[4]);
        Assert.Equal(ConfigurationType.Request, cpRequest.ConfigurationType);
        Assert.Contains(cpRequest.Attributes, a => a.Type == ConfigurationAttributeType.InternalIp4Address && a.Value.IsEmpty);

        IdentificationPayload idr = Assert.IsType<IdentificationPayload>(response[0]);
        Assert.True(idr.TryGetText(out string? responder));
        Assert.Equal((IdentificationType.Fqdn, "right.example.org"), (idr.IdType, responder));
        ConfigurationPayload cpReply = Assert.IsType<ConfigurationPayload>(response.Single(p => p.Type == PayloadType.Configuration));
        Assert.True(cpReply.Attributes.Single(a => a.Type == ConfigurationAttributeType.InternalIp4Address).TryGetAddress(out IPAddress? virtualIp));
        Assert.Equal(IPAddress.Parse("10.3.0.1"), virtualIp);
        Assert.True(cpReply.Attributes.Single(a => a.Type == ConfigurationAttributeType.InternalIp4Dns).TryGetAddress(out IPAddress? dns));
        Assert.Equal(IPAddress.Parse("10.2.0.53"), dns);
        TrafficSelector tsr = Assert.Single(Assert.IsType<TrafficSelectorPayload>(response.Single(p => p.Type == PayloadType.TrafficSelectorResponder)).Selectors);
        Assert.Equal((IPAddress.Parse("10.2.0.0"), IPAddress.Parse("10.2.0.255")), (tsr.StartAddress, tsr.EndAddress));
        Proposal child = Assert.IsType<SecurityAssociationPayload>(response.Single(p => p.Type == PayloadType.SecurityAssociation)).Proposals.Single();
        Assert.Equal((ProtocolId.Esp, 4), (child.Protocol, child.Spi.Length));
    }

    [Fact]
    public void Psk_auth_values_verify_against_the_parsed_messages()
    {
        // AUTH = prf(prf(PSK, "Key Pad for IKEv2"), RealMessage | Nonce of the peer | prf(SK_p, ID body)) (RFC 7296 §2.15).
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        NoncePayload ni = capture.Parse(0).Payloads.OfType<NoncePayload>().Single();
        NoncePayload nr = capture.Parse(1).Payloads.OfType<NoncePayload>().Single();
        List<Payload> request = Open(capture, 2);
        List<Payload> response = Open(capture, 3);

        Assert.Equal(StrongSwanCapture.PskAuth(capture.Datagrams[0], nr.Data.Span, capture.Keys["Sk_pi"], request.OfType<IdentificationPayload>().First()),
            request.OfType<AuthenticationPayload>().Single().Data.ToArray());
        Assert.Equal(StrongSwanCapture.PskAuth(capture.Datagrams[1], ni.Data.Span, capture.Keys["Sk_pr"], response.OfType<IdentificationPayload>().First()),
            response.OfType<AuthenticationPayload>().Single().Data.ToArray());
    }

    [Fact]
    public void Fragmented_ike_auth_request_reassembles_to_the_same_payloads_as_unfragmented()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.Gcm16Ecp256Fragmented);
        var reassembler = new FragmentReassembler(ReassemblyLimits.Default, new ManualTime());
        ReassembledMessage? whole = null;
        foreach (int index in new[] { 2, 3 })
        {
            IkeMessage fragment = capture.Parse(index);
            Assert.Equal((index - 1, 2), (fragment.Fragment!.FragmentNumber, fragment.Fragment.TotalFragments));
            using SkProtection protection = capture.ProtectionFor(fragment);
            Assert.True(protection.TryDecryptContent(capture.Datagrams[index], fragment, out byte[]? content));
            reassembler.Add(fragment.Header.MessageId, fragment.Fragment, content, out whole);
        }

        Assert.NotNull(whole);
        var inner = new List<Payload>();
        Assert.True(PayloadChain.TryParse(whole.Payloads.Span, whole.FirstPayload, true, inner, out IkeError error), error.Reason);
        Assert.True(ExchangeRules.Check(capture.Parse(2), inner, out error), error.Reason);
        List<Payload> unfragmented = Open(StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048), 2);
        Assert.Equal(unfragmented.Select(p => p.Type), inner.Select(p => p.Type));
        Assert.Equal(1 + 3 + 16, inner.OfType<IdentificationPayload>().First().GetBodySize());
    }

    [Fact]
    public void Informational_exchanges_delete_the_old_child_sa_then_the_ike_sa()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        Assert.Equal(ExchangeType.CreateChildSa, capture.Parse(4).Header.ExchangeType);
        Assert.Contains(Open(capture, 4), p => p is NotifyPayload { NotifyType: NotifyType.RekeySa, Protocol: ProtocolId.Esp });

        DeletePayload child = Assert.IsType<DeletePayload>(Assert.Single(Open(capture, 6)));
        Assert.Equal(ProtocolId.Esp, child.Protocol);
        Assert.Single(child.Spis);
        DeletePayload ike = Assert.IsType<DeletePayload>(Assert.Single(Open(capture, 8)));
        Assert.Equal(ProtocolId.Ike, ike.Protocol);
        Assert.Empty(Open(capture, 9));
    }

    private static List<Payload> Open(StrongSwanCapture capture, int index)
    {
        IkeMessage message = capture.Parse(index);
        using SkProtection protection = capture.ProtectionFor(message);
        var inner = new List<Payload>();
        Assert.True(protection.TryOpen(capture.Datagrams[index], message, inner, out IkeError error), error.Reason);
        return inner;
    }
}
