using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using static IpsecTun.Ike.Tests.PayloadBytes;

namespace IpsecTun.Ike.Tests;

public class PayloadRoundTripTests
{
    [Fact]
    public void Security_association_keeps_proposals_transforms_spis_and_attributes()
    {
        var sa = new SecurityAssociationPayload(
        [
            new Proposal(1, ProtocolId.Ike, ReadOnlyMemory<byte>.Empty,
            [
                new Transform(TransformType.Encryption, (ushort)EncryptionTransformId.AesCbc, [TransformAttribute.KeyLength(256)]),
                new Transform(TransformType.PseudorandomFunction, (ushort)PrfTransformId.HmacSha2_256),
                new Transform(TransformType.Integrity, (ushort)IntegrityTransformId.HmacSha2_256_128),
                new Transform(TransformType.KeyExchange, (ushort)KeyExchangeGroupId.Ecp256),
            ]),
            new Proposal(2, ProtocolId.Esp, new byte[] { 1, 2, 3, 4 },
            [
                new Transform(TransformType.Encryption, (ushort)EncryptionTransformId.AesGcm16,
                    [TransformAttribute.KeyLength(128), TransformAttribute.TypeLengthValue(200, new byte[] { 9, 8, 7 })]),
                new Transform(TransformType.ExtendedSequenceNumbers, 0),
            ]),
            new Proposal(3, ProtocolId.Ike, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [new Transform(TransformType.KeyExchange, 31)]),
        ]) { Critical = true };

        SecurityAssociationPayload parsed = RoundTrip(sa);

        Assert.Equal(3, parsed.Proposals.Count);
        Assert.Equal([1, 2, 3], parsed.Proposals.Select(p => (int)p.Number));
        Assert.Equal(256, parsed.Proposals[0].Transforms[0].KeyLengthBits);
        Assert.Equal(0, parsed.Proposals[0].Transforms[1].KeyLengthBits);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, parsed.Proposals[1].Spi.ToArray());
        TransformAttribute tlv = parsed.Proposals[1].Transforms[0].Attributes[1];
        Assert.False(tlv.IsShort);
        Assert.Equal(200, tlv.AttributeType);
        Assert.Equal(new byte[] { 9, 8, 7 }, tlv.Value.ToArray());
        Assert.Equal(TransformType.ExtendedSequenceNumbers, parsed.Proposals[1].Transforms[1].Type);
        Assert.Equal(8, parsed.Proposals[2].Spi.Length);
    }

    [Fact]
    public void Key_exchange_keeps_group_and_data()
    {
        KeyExchangePayload ke = RoundTrip(new KeyExchangePayload(KeyExchangeGroupId.Modp2048, Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()));
        Assert.Equal(KeyExchangeGroupId.Modp2048, ke.Group);
        Assert.Equal(256, ke.Data.Length);
    }

    [Theory]
    [InlineData(PayloadType.IdInitiator, IdentificationType.Fqdn, "vpn.example.org")]
    [InlineData(PayloadType.IdResponder, IdentificationType.Rfc822Address, "user@example.org")]
    public void Identification_with_text_types(PayloadType type, IdentificationType idType, string text)
    {
        IdentificationPayload id = RoundTrip(IdentificationPayload.FromText(type, idType, text));
        Assert.Equal(type, id.Type);
        Assert.Equal(idType, id.IdType);
        Assert.True(id.TryGetText(out string? parsed));
        Assert.Equal(text, parsed);
    }

    [Theory]
    [InlineData("192.0.2.7", IdentificationType.Ipv4Address)]
    [InlineData("2001:db8::7", IdentificationType.Ipv6Address)]
    public void Identification_with_addresses(string address, IdentificationType expected)
    {
        IdentificationPayload id = RoundTrip(IdentificationPayload.FromAddress(PayloadType.IdInitiator, IPAddress.Parse(address)));
        Assert.Equal(expected, id.IdType);
        Assert.True(id.TryGetAddress(out IPAddress? parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
        Assert.False(id.TryGetText(out _));
    }

    [Theory]
    [InlineData(IdentificationType.DerAsn1Dn, "3011310f300d06035504030c06636c69656e74")]
    [InlineData(IdentificationType.DerAsn1Gn, "820b6578616d706c652e6f7267")]
    [InlineData(IdentificationType.KeyId, "0102030405")]
    [InlineData(IdentificationType.FcName, "20000000c9a0b1c2")]
    [InlineData(IdentificationType.Null, "")]
    public void Identification_with_binary_types(IdentificationType idType, string hex)
    {
        IdentificationPayload id = RoundTrip(new IdentificationPayload(PayloadType.IdResponder, idType, Hex(hex)));
        Assert.Equal(idType, id.IdType);
        Assert.Equal(Hex(hex), id.Data.ToArray());
    }

    [Theory]
    [InlineData(CertificateEncoding.X509Signature)]
    [InlineData(CertificateEncoding.Pkcs7WrappedX509)]
    [InlineData(CertificateEncoding.CertificateRevocationList)]
    [InlineData(CertificateEncoding.RawPublicKey)]
    public void Certificate_keeps_encoding_and_data(CertificateEncoding encoding)
    {
        CertificatePayload cert = RoundTrip(new CertificatePayload(encoding, new byte[] { 0x30, 0x82, 0x01, 0x00, 5 }));
        Assert.Equal(encoding, cert.Encoding);
        Assert.False(cert.IsHashAndUrl);
    }

    [Theory]
    [InlineData(CertificateEncoding.HashAndUrlX509)]
    [InlineData(CertificateEncoding.HashAndUrlX509Bundle)]
    public void Certificate_hash_and_url_splits_hash_from_url(CertificateEncoding encoding)
    {
        byte[] sha1 = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        CertificatePayload cert = RoundTrip(CertificatePayload.HashAndUrl(encoding, sha1, "http://ca.example.org/c.der"));
        Assert.True(cert.TryGetHashAndUrl(out ReadOnlyMemory<byte> hash, out string? url));
        Assert.Equal(sha1, hash.ToArray());
        Assert.Equal("http://ca.example.org/c.der", url);
    }

    [Fact]
    public void Certificate_request_splits_authority_hashes()
    {
        byte[] two = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        CertificateRequestPayload req = RoundTrip(new CertificateRequestPayload(CertificateEncoding.X509Signature, two));
        Assert.Equal(2, req.AuthorityHashes.Count());
        Assert.Equal(two[20..], req.AuthorityHashes.Last().ToArray());
        Assert.Empty(RoundTrip(new CertificateRequestPayload(CertificateEncoding.X509Signature, ReadOnlyMemory<byte>.Empty)).AuthorityHashes);
    }

    [Theory]
    [InlineData(AuthMethod.SharedKeyMessageIntegrityCode)]
    [InlineData(AuthMethod.RsaDigitalSignature)]
    [InlineData(AuthMethod.DssDigitalSignature)]
    [InlineData(AuthMethod.EcdsaSha256P256)]
    [InlineData(AuthMethod.Null)]
    public void Authentication_keeps_method_and_data(AuthMethod method)
    {
        AuthenticationPayload auth = RoundTrip(new AuthenticationPayload(method, Enumerable.Repeat((byte)0xab, 32).ToArray()));
        Assert.Equal(method, auth.Method);
        Assert.Equal(32, auth.Data.Length);
    }

    public static TheoryData<string> SignatureAlgorithms => new()
    {
        nameof(SignatureAlgorithmIdentifier.Sha256WithRsa), nameof(SignatureAlgorithmIdentifier.Sha384WithRsa), nameof(SignatureAlgorithmIdentifier.Sha512WithRsa),
        nameof(SignatureAlgorithmIdentifier.RsaPssSha256), nameof(SignatureAlgorithmIdentifier.RsaPssSha384), nameof(SignatureAlgorithmIdentifier.RsaPssSha512),
        nameof(SignatureAlgorithmIdentifier.EcdsaWithSha256), nameof(SignatureAlgorithmIdentifier.EcdsaWithSha384), nameof(SignatureAlgorithmIdentifier.EcdsaWithSha512),
        nameof(SignatureAlgorithmIdentifier.Ed25519), nameof(SignatureAlgorithmIdentifier.Ed448),
    };

    [Theory]
    [MemberData(nameof(SignatureAlgorithms))]
    public void Digital_signature_auth_carries_its_algorithm_identifier(string name)
    {
        var algorithm = (SignatureAlgorithmIdentifier)typeof(SignatureAlgorithmIdentifier).GetProperty(name)!.GetValue(null)!;
        byte[] signature = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();

        AuthenticationPayload auth = RoundTrip(AuthenticationPayload.DigitalSignature(new SignatureAuthData(algorithm, signature)));

        Assert.Equal(AuthMethod.DigitalSignature, auth.Method);
        Assert.True(SignatureAuthData.TryParse(auth.Data.Span, out SignatureAuthData parsed));
        Assert.Equal(algorithm, parsed.Algorithm);
        Assert.Equal(algorithm.Oid, parsed.Algorithm.Oid);
        Assert.Equal(signature, parsed.Signature.ToArray());
    }

    [Fact]
    public void Signature_algorithm_identifiers_match_rfc_7427_appendix_a()
    {
        // RFC 7427 A.1 sha256WithRSAEncryption, A.3 ecdsa-with-sha256, and RFC 8420 Ed25519.
        Assert.Equal(Hex("300d06092a864886f70d01010b0500"), SignatureAlgorithmIdentifier.Sha256WithRsa.Der.ToArray());
        Assert.Equal(Hex("300a06082a8648ce3d040302"), SignatureAlgorithmIdentifier.EcdsaWithSha256.Der.ToArray());
        Assert.Equal(Hex("300506032b6570"), SignatureAlgorithmIdentifier.Ed25519.Der.ToArray());

        // RSASSA-PSS (RFC 4055 parameters): the id-RSASSA-PSS OID, parsed back from its own DER.
        Assert.True(SignatureAlgorithmIdentifier.TryParse(SignatureAlgorithmIdentifier.RsaPssSha256.Der, out SignatureAlgorithmIdentifier? pss));
        Assert.Equal("1.2.840.113549.1.1.10", pss.Oid);
        Assert.NotEqual(SignatureAlgorithmIdentifier.RsaPssSha256, SignatureAlgorithmIdentifier.RsaPssSha384);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(256)]
    public void Nonce_of_allowed_sizes(int size)
    {
        Assert.Equal(size, RoundTrip(new NoncePayload(new byte[size])).Data.Length);
    }

    [Fact]
    public void Notify_keeps_protocol_spi_type_and_data()
    {
        NotifyPayload rekey = RoundTrip(new NotifyPayload(NotifyType.RekeySa, default, ProtocolId.Esp, new byte[] { 0xc0, 0, 0, 1 }));
        Assert.Equal(ProtocolId.Esp, rekey.Protocol);
        Assert.Equal(new byte[] { 0xc0, 0, 0, 1 }, rekey.Spi.ToArray());
        Assert.False(rekey.IsError);

        NotifyPayload unknown = RoundTrip(new NotifyPayload((NotifyType)40000, new byte[] { 1, 2, 3 }));
        Assert.Equal((NotifyType)40000, unknown.NotifyType);
        Assert.True(RoundTrip(new NotifyPayload((NotifyType)8000)).IsError);
    }

    [Fact]
    public void Notify_typed_data_round_trips()
    {
        NotifyPayload invalidKe = RoundTrip(new NotifyPayload(NotifyType.InvalidKePayload, NotifyData.InvalidKeGroup(KeyExchangeGroupId.Ecp384)));
        Assert.Equal(KeyExchangeGroupId.Ecp384, NotifyData.ReadInvalidKeGroup(invalidKe));

        foreach (NotifyType type in new[] { NotifyType.SetWindowSize, NotifyType.AuthLifetime, NotifyType.InvalidMessageId })
        {
            Assert.Equal(0x01020304u, NotifyData.ReadUInt32(RoundTrip(new NotifyPayload(type, NotifyData.EncodeUInt32(0x01020304)))));
        }

        NotifyPayload hashes = RoundTrip(new NotifyPayload(NotifyType.SignatureHashAlgorithms, NotifyData.SignatureHashAlgorithms([2, 3, 4, 5])));
        Assert.Equal(new ushort[] { 2, 3, 4, 5 }, NotifyData.ReadSignatureHashAlgorithms(hashes));

        NotifyPayload v6 = RoundTrip(new NotifyPayload(NotifyType.AdditionalIp6Address, IPAddress.Parse("2001:db8::1").GetAddressBytes()));
        Assert.Equal(IPAddress.Parse("2001:db8::1"), NotifyData.ReadAdditionalAddress(v6));

        NotifyPayload redirect = RoundTrip(new NotifyPayload(NotifyType.Redirect, (byte[])[3, 6, .. "gw.org"u8, 0xaa, 0xbb]));
        Assert.True(NotifyData.TryReadGateway(redirect.Data.Span, out byte gwType, out ReadOnlyMemory<byte> gw, out ReadOnlyMemory<byte> nonce));
        Assert.Equal(3, gwType);
        Assert.Equal("gw.org"u8.ToArray(), gw.ToArray());
        Assert.Equal(new byte[] { 0xaa, 0xbb }, nonce.ToArray());

        Assert.Equal(20, RoundTrip(new NotifyPayload(NotifyType.NatDetectionSourceIp, new byte[20])).Data.Length);
        Assert.Equal(64, RoundTrip(new NotifyPayload(NotifyType.Cookie, new byte[64])).Data.Length);
        Assert.Equal((byte)PayloadType.Eap, RoundTrip(NotifyPayload.FromError(IkeError.UnsupportedCritical(PayloadType.Eap))).Data.Span[0]);
    }

    [Fact]
    public void Every_iana_notify_type_has_a_name()
    {
        Assert.Equal("UnsupportedCriticalPayload", ((NotifyType)1).ToString());
        Assert.Equal("Ikev2FragmentationSupported", ((NotifyType)16430).ToString());
        Assert.Equal("SignatureHashAlgorithms", ((NotifyType)16431).ToString());
        Assert.Equal(24 + 61, Enum.GetValues<NotifyType>().Length);
    }

    [Fact]
    public void Delete_for_ike_sa_and_child_sas()
    {
        Assert.Empty(RoundTrip(DeletePayload.IkeSa()).Spis);
        DeletePayload esp = RoundTrip(new DeletePayload(ProtocolId.Esp, [0xc1234567, 0x00000001]));
        Assert.Equal(ProtocolId.Esp, esp.Protocol);
        Assert.Equal(new uint[] { 0xc1234567, 1 }, esp.Spis);
        Assert.Single(RoundTrip(new DeletePayload(ProtocolId.Ah, [7])).Spis);
    }

    [Fact]
    public void Vendor_id()
    {
        Assert.Equal("strongSwan"u8.ToArray(), RoundTrip(new VendorIdPayload("strongSwan"u8.ToArray())).VendorId.ToArray());
    }

    [Fact]
    public void Traffic_selectors_of_both_families_with_protocol_and_ports()
    {
        var ts = new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder,
        [
            TrafficSelector.AddressRange(IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.0.255"), 6, 443, 443),
            TrafficSelector.AddressRange(IPAddress.Parse("2001:db8::"), IPAddress.Parse("2001:db8::ffff"), 17, 1000, 2000),
            TrafficSelector.AddressRange(IPAddress.Any, IPAddress.Broadcast),
            TrafficSelector.Other(TrafficSelectorType.SecurityLabel, 0, new byte[] { 1, 2, 3, 4 }),
        ]);

        TrafficSelectorPayload parsed = RoundTrip(ts);

        Assert.Equal(PayloadType.TrafficSelectorResponder, parsed.Type);
        TrafficSelector web = parsed.Selectors[0];
        Assert.Equal((TrafficSelectorType.Ipv4AddressRange, 6, 443, 443), (web.Type, (int)web.Protocol, (int)web.StartPort, (int)web.EndPort));
        Assert.Equal(IPAddress.Parse("10.0.0.255"), web.EndAddress);
        TrafficSelector v6 = parsed.Selectors[1];
        Assert.Equal((TrafficSelectorType.Ipv6AddressRange, 17, 1000, 2000), (v6.Type, (int)v6.Protocol, (int)v6.StartPort, (int)v6.EndPort));
        Assert.Equal(IPAddress.Parse("2001:db8::"), v6.StartAddress);
        Assert.Equal(ushort.MaxValue, parsed.Selectors[2].EndPort);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, parsed.Selectors[3].OtherData.ToArray());
    }

    [Fact]
    public void Configuration_with_every_rfc_7296_and_rfc_8598_attribute()
    {
        ConfigurationAttribute[] attributes =
        [
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Address, IPAddress.Parse("10.3.0.1")),
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Netmask, IPAddress.Parse("255.255.255.0")),
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Dns, IPAddress.Parse("10.2.0.53")),
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Nbns, IPAddress.Parse("10.2.0.54")),
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp4Dhcp, IPAddress.Parse("10.2.0.55")),
            ConfigurationAttribute.ApplicationVersion("ipsectun 1.0"),
            ConfigurationAttribute.Ip6Prefix(ConfigurationAttributeType.InternalIp6Address, IPAddress.Parse("2001:db8:1::2"), 64),
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp6Dns, IPAddress.Parse("2001:db8::53")),
            ConfigurationAttribute.Address(ConfigurationAttributeType.InternalIp6Dhcp, IPAddress.Parse("2001:db8::67")),
            ConfigurationAttribute.Ip4Subnet(IPAddress.Parse("192.168.88.0"), IPAddress.Parse("255.255.255.0")),
            new ConfigurationAttribute(ConfigurationAttributeType.SupportedAttributes, new byte[] { 0, 1, 0, 3 }),
            ConfigurationAttribute.Ip6Prefix(ConfigurationAttributeType.InternalIp6Subnet, IPAddress.Parse("2001:db8:2::"), 48),
            ConfigurationAttribute.DnsDomain("corp.example.org"),
            new ConfigurationAttribute(ConfigurationAttributeType.InternalDnssecTrustAnchor, new byte[] { 0, 1, 2 }),
            new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address),
        ];

        ConfigurationPayload cp = RoundTrip(new ConfigurationPayload(ConfigurationType.Reply, attributes));

        Assert.Equal(ConfigurationType.Reply, cp.ConfigurationType);
        Assert.Equal(attributes.Select(a => a.Type), cp.Attributes.Select(a => a.Type));
        Assert.True(cp.Attributes[0].TryGetAddress(out IPAddress? address));
        Assert.Equal(IPAddress.Parse("10.3.0.1"), address);
        Assert.True(cp.Attributes[5].TryGetText(out string? version));
        Assert.Equal("ipsectun 1.0", version);
        Assert.True(cp.Attributes[6].TryGetPrefixLength(out byte prefix));
        Assert.Equal(64, prefix);
        Assert.True(cp.Attributes[9].TryGetIp4Subnet(out IPAddress? network, out IPAddress? mask));
        Assert.Equal((IPAddress.Parse("192.168.88.0"), IPAddress.Parse("255.255.255.0")), (network, mask));
        Assert.True(cp.Attributes[11].TryGetAddress(out IPAddress? subnet6));
        Assert.Equal(IPAddress.Parse("2001:db8:2::"), subnet6);
        Assert.True(cp.Attributes[12].TryGetText(out string? domain));
        Assert.Equal("corp.example.org", domain);
        Assert.True(cp.Attributes[14].Value.IsEmpty);
    }

    [Theory]
    [InlineData(ConfigurationType.Request)]
    [InlineData(ConfigurationType.Set)]
    [InlineData(ConfigurationType.Acknowledge)]
    public void Configuration_types(ConfigurationType type)
    {
        Assert.Equal(type, RoundTrip(new ConfigurationPayload(type, [])).ConfigurationType);
    }

    [Theory]
    [InlineData("010700090175736572")]
    [InlineData("02070006031a")]
    [InlineData("03070004")]
    [InlineData("04070004")]
    public void Eap_messages(string hex)
    {
        EapPayload eap = RoundTrip(new EapPayload(Hex(hex)));
        Assert.Equal(Hex(hex)[0], eap.Code);
        Assert.Equal(7, eap.Identifier);
    }

    [Fact]
    public void Encrypted_payload_names_its_first_inner_payload()
    {
        var sk = new EncryptedPayload(PayloadType.IdInitiator, new byte[48]);
        byte[] bytes = Encode(sk, PayloadType.None);
        Assert.Equal((byte)PayloadType.IdInitiator, bytes[0]);
        Assert.Equal(PayloadType.IdInitiator, RoundTrip(sk).FirstInnerPayload);
    }

    [Fact]
    public void Encrypted_fragment_keeps_number_and_total()
    {
        EncryptedFragmentPayload first = RoundTrip(new EncryptedFragmentPayload(PayloadType.IdInitiator, 1, 3, new byte[40]));
        Assert.Equal((PayloadType.IdInitiator, 1, 3), (first.FirstInnerPayload, (int)first.FragmentNumber, (int)first.TotalFragments));
        EncryptedFragmentPayload last = RoundTrip(new EncryptedFragmentPayload(PayloadType.None, 3, 3, new byte[40]));
        Assert.Equal(PayloadType.None, last.FirstInnerPayload);
    }
}
