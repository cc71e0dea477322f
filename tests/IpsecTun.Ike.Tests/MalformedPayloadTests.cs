using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using static IpsecTun.Ike.Tests.PayloadBytes;
using static IpsecTun.Ike.Tests.RawMessage;

namespace IpsecTun.Ike.Tests;

/// <summary>Every length and count field, set too small, too large or inconsistent, is refused.</summary>
public class MalformedPayloadTests
{
    private static readonly SecurityAssociationPayload Sa = new(
    [
        new Proposal(1, ProtocolId.Esp, new byte[] { 1, 2, 3, 4 },
        [
            new Transform(TransformType.Encryption, (ushort)EncryptionTransformId.AesCbc, [TransformAttribute.KeyLength(128)]),
            new Transform(TransformType.Integrity, (ushort)IntegrityTransformId.HmacSha2_256_128),
        ]),
    ]);

    // Offsets in an encoded SA: payload header 0-3, proposal 4-11, SPI 12-15, transform 1 at 16 (attribute at 24), transform 2 at 28.
    private const int ProposalLength = 6;
    private const int SpiSize = 10;
    private const int TransformCount = 11;
    private const int FirstTransformLength = 18;
    private const int AttributeType = 24;
    private const int SecondTransformLast = 28;

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5000)]
    public void Generic_payload_length_outside_the_data(int length)
    {
        byte[] bytes = Encode(new NoncePayload(new byte[16]));
        SetUInt16(bytes, 2, length);
        Assert.False(Parses(PayloadType.Nonce, bytes));
        Assert.False(Parses(PayloadType.Nonce, bytes[..3]));
    }

    [Fact]
    public void Generic_payload_length_shorter_than_the_data_leaves_bytes_unconsumed()
    {
        byte[] bytes = [.. Encode(new NoncePayload(new byte[16])), 0];
        Assert.False(Parses(PayloadType.Nonce, bytes));
    }

    [Theory]
    [InlineData(ProposalLength, 7)]
    [InlineData(ProposalLength, 11)]
    [InlineData(ProposalLength, 200)]
    [InlineData(SpiSize, 3)]
    [InlineData(SpiSize, 200)]
    [InlineData(TransformCount, 0)]
    [InlineData(TransformCount, 1)]
    [InlineData(TransformCount, 3)]
    [InlineData(FirstTransformLength, 7)]
    [InlineData(FirstTransformLength, 13)]
    [InlineData(FirstTransformLength, 100)]
    [InlineData(SecondTransformLast, 3)]
    [InlineData(4, 2)]
    public void Security_association_inner_lengths_and_counts(int offset, int value)
    {
        byte[] bytes = Encode(Sa);
        Assert.True(Parses(PayloadType.SecurityAssociation, bytes));
        if (offset is ProposalLength or FirstTransformLength)
        {
            SetUInt16(bytes, offset, value);
        }
        else
        {
            bytes[offset] = (byte)value;
        }

        Assert.False(Parses(PayloadType.SecurityAssociation, bytes));
    }

    [Fact]
    public void Key_length_attribute_in_tlv_format_and_tlv_length_overrun()
    {
        byte[] bytes = Encode(Sa);
        bytes[AttributeType] &= 0x7f;
        Assert.False(Parses(PayloadType.SecurityAssociation, bytes));

        var tlv = new SecurityAssociationPayload([new Proposal(1, ProtocolId.Ike, default,
            [new Transform(TransformType.Encryption, 12, [TransformAttribute.TypeLengthValue(99, new byte[] { 1, 2 })])])]);
        bytes = Encode(tlv);
        SetUInt16(bytes, 22, 3);
        Assert.False(Parses(PayloadType.SecurityAssociation, bytes));
    }

    [Fact]
    public void Proposal_numbers_must_start_at_one_and_not_skip()
    {
        Transform[] one = [new Transform(TransformType.KeyExchange, 14)];
        Assert.False(Parses(PayloadType.SecurityAssociation, Encode(new SecurityAssociationPayload([new Proposal(2, ProtocolId.Ike, default, one)]))));
        Assert.False(Parses(PayloadType.SecurityAssociation, Encode(new SecurityAssociationPayload(
            [new Proposal(1, ProtocolId.Ike, default, one), new Proposal(3, ProtocolId.Ike, default, one)]))));
        Assert.False(Parses(PayloadType.SecurityAssociation, Encode(new SecurityAssociationPayload([]))));
    }

    [Fact]
    public void Fixed_fields_missing_or_values_of_the_wrong_size()
    {
        Assert.False(Parses(PayloadType.KeyExchange, Encode(new KeyExchangePayload(KeyExchangeGroupId.Ecp256, ReadOnlyMemory<byte>.Empty))));
        Assert.False(Parses(PayloadType.IdInitiator, Encode(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Ipv4Address, new byte[5]))));
        Assert.False(Parses(PayloadType.IdInitiator, Encode(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Ipv6Address, new byte[4]))));
        Assert.False(Parses(PayloadType.IdInitiator, Encode(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Fqdn, new byte[] { 0x80 }))));
        Assert.False(Parses(PayloadType.Certificate, Encode(new CertificatePayload(CertificateEncoding.HashAndUrlX509, new byte[20]))));
        Assert.False(Parses(PayloadType.Certificate, Encode(new CertificatePayload(CertificateEncoding.X509Signature, ReadOnlyMemory<byte>.Empty))));
        Assert.False(Parses(PayloadType.CertificateRequest, Encode(new CertificateRequestPayload(CertificateEncoding.X509Signature, new byte[21]))));
        Assert.False(Parses(PayloadType.Authentication, Encode(new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, ReadOnlyMemory<byte>.Empty))));
        Assert.False(Parses(PayloadType.Nonce, Encode(new NoncePayload(new byte[15]))));
        Assert.False(Parses(PayloadType.Nonce, Encode(new NoncePayload(new byte[257]))));
        Assert.False(Parses(PayloadType.VendorId, Encode(new VendorIdPayload(ReadOnlyMemory<byte>.Empty))));
        Assert.False(Parses(PayloadType.Encrypted, Encode(new EncryptedPayload(PayloadType.Nonce, ReadOnlyMemory<byte>.Empty))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(200)]
    public void Signature_auth_asn1_length_that_does_not_frame_the_identifier(int asnLength)
    {
        byte[] data = new SignatureAuthData(SignatureAlgorithmIdentifier.EcdsaWithSha256, new byte[8]).ToArray();
        data[0] = (byte)asnLength;
        Assert.False(Parses(PayloadType.Authentication, Encode(new AuthenticationPayload(AuthMethod.DigitalSignature, data))));
    }

    [Fact]
    public void Signature_auth_with_an_identifier_that_is_not_der()
    {
        // A SEQUENCE whose inner OID length runs past it, and one with trailing garbage inside.
        Assert.False(SignatureAuthData.TryParse(Hex("0c300a06092a8648ce3d040302ffff"), out _));
        Assert.False(SignatureAuthData.TryParse(Hex("0e300c06082a8648ce3d04030205ff0000"), out _));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(8, 0)]
    [InlineData(4, 40)]
    public void Notify_spi_size(int spiSize, int dataSize)
    {
        byte[] body = [(byte)ProtocolId.Esp, (byte)spiSize, 0x40, 0x00, .. new byte[Math.Min(spiSize, 4) + dataSize]];
        Assert.False(Parses(PayloadType.Notify, Raw(body)));
    }

    [Theory]
    [InlineData(NotifyType.NatDetectionSourceIp, 19)]
    [InlineData(NotifyType.Cookie, 0)]
    [InlineData(NotifyType.Cookie, 65)]
    [InlineData(NotifyType.InvalidKePayload, 3)]
    [InlineData(NotifyType.SetWindowSize, 2)]
    [InlineData(NotifyType.SignatureHashAlgorithms, 3)]
    [InlineData(NotifyType.Ikev2FragmentationSupported, 1)]
    [InlineData(NotifyType.Redirect, 2)]
    public void Notify_data_of_the_wrong_size(NotifyType type, int size)
    {
        Assert.False(Parses(PayloadType.Notify, Encode(new NotifyPayload(type, new byte[size]))));
    }

    [Theory]
    [InlineData(ProtocolId.Esp, 4, 2, 1)]
    [InlineData(ProtocolId.Esp, 4, 1, 2)]
    [InlineData(ProtocolId.Esp, 8, 1, 1)]
    [InlineData(ProtocolId.Ike, 0, 1, 0)]
    [InlineData(ProtocolId.Esp, 4, 0, 0)]
    public void Delete_spi_count_and_size(ProtocolId protocol, int spiSize, int count, int spisPresent)
    {
        byte[] body = [(byte)protocol, (byte)spiSize, 0, (byte)count, .. new byte[spiSize * spisPresent]];
        Assert.False(Parses(PayloadType.Delete, Raw(body)));
    }

    [Theory]
    [InlineData(0, 15)]
    [InlineData(0, 17)]
    [InlineData(0, 40)]
    [InlineData(0, 3)]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    public void Traffic_selector_length_and_count(int field, int value)
    {
        var ts = new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator,
            [TrafficSelector.AddressRange(IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.0.255"))]);
        byte[] bytes = Encode(ts);
        if (field == 0)
        {
            SetUInt16(bytes, 10, value);
        }
        else
        {
            bytes[4] = (byte)value;
        }

        Assert.False(Parses(PayloadType.TrafficSelectorInitiator, bytes));
    }

    [Theory]
    [InlineData(ConfigurationAttributeType.InternalIp4Address, 3)]
    [InlineData(ConfigurationAttributeType.InternalIp4Subnet, 4)]
    [InlineData(ConfigurationAttributeType.InternalIp6Address, 16)]
    [InlineData(ConfigurationAttributeType.InternalIp6Dns, 17)]
    [InlineData(ConfigurationAttributeType.SupportedAttributes, 3)]
    public void Configuration_attribute_value_of_the_wrong_size(ConfigurationAttributeType type, int size)
    {
        Assert.False(Parses(PayloadType.Configuration, Encode(new ConfigurationPayload(ConfigurationType.Reply, [new ConfigurationAttribute(type, new byte[size])]))));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a b")]
    [InlineData("a.")]
    public void Dns_domain_that_is_not_a_name(string domain)
    {
        Assert.False(Parses(PayloadType.Configuration, Encode(new ConfigurationPayload(ConfigurationType.Reply, [ConfigurationAttribute.DnsDomain(domain)]))));
    }

    [Fact]
    public void Configuration_attribute_length_overrun_and_bad_cfg_type()
    {
        byte[] bytes = Encode(new ConfigurationPayload(ConfigurationType.Request, [ConfigurationAttribute.ApplicationVersion("x")]));
        SetUInt16(bytes, 10, 2);
        Assert.False(Parses(PayloadType.Configuration, bytes));
        Assert.False(Parses(PayloadType.Configuration, Encode(new ConfigurationPayload((ConfigurationType)5, []))));
    }

    [Theory]
    [InlineData("0107000b0175736572")]
    [InlineData("01070009017573657200")]
    [InlineData("01070004")]
    [InlineData("0307000501")]
    [InlineData("05070004")]
    [InlineData("0107")]
    public void Eap_length_and_code(string hex)
    {
        Assert.False(Parses(PayloadType.Eap, Encode(new EapPayload(Hex(hex)))));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 2)]
    public void Encrypted_fragment_number_outside_total(int number, int total)
    {
        Assert.False(Parses(PayloadType.EncryptedFragment, Encode(new EncryptedFragmentPayload(PayloadType.None, (ushort)number, (ushort)total, new byte[16]))));
    }

    private static byte[] Raw(byte[] body) => Encode(new VendorIdPayload(body));
}
