using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using static IpsecTun.Ike.Tests.RawMessage;

namespace IpsecTun.Ike.Tests;

public class MessageParsingTests
{
    private static readonly byte[] NonceBody = new byte[32];

    private static IkeError ParseError(byte[] datagram)
    {
        Assert.False(IkeMessage.TryParse(datagram, out IkeMessage? message, out IkeError error));
        Assert.Null(message);
        return error;
    }

    [Fact]
    public void A_whole_message_round_trips_with_header_fields()
    {
        var message = new IkeMessage(Header(ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, 0),
        [
            new SecurityAssociationPayload([new Proposal(1, ProtocolId.Ike, default, [new Transform(TransformType.KeyExchange, 19)])]),
            new KeyExchangePayload(KeyExchangeGroupId.Ecp256, new byte[64]),
            new NoncePayload(NonceBody),
            new NotifyPayload(NotifyType.Ikev2FragmentationSupported),
        ]);
        byte[] bytes = message.ToArray();

        Assert.True(IkeMessage.TryParse(bytes, out IkeMessage? parsed, out _));
        Assert.Equal(message.Header with { NextPayload = PayloadType.SecurityAssociation, Length = (uint)bytes.Length }, parsed.Header);
        Assert.Equal([PayloadType.SecurityAssociation, PayloadType.KeyExchange, PayloadType.Nonce, PayloadType.Notify], parsed.Payloads.Select(p => p.Type));
        Assert.Equal(bytes, parsed.ToArray());
        Assert.True(parsed.Header.IsFromInitiator);
        Assert.False(parsed.Header.IsResponse);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public void Shorter_than_the_header(int length)
    {
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(new byte[length]).Notify);
    }

    [Theory]
    [InlineData(0x30)]
    [InlineData(0x10)]
    [InlineData(0xf0)]
    public void Other_major_versions_get_invalid_major_version(byte version)
    {
        byte[] bytes = Build(Header(), (PayloadType.Nonce, NonceBody, false));
        bytes[17] = version;
        Assert.Equal(NotifyType.InvalidMajorVersion, ParseError(bytes).Notify);
    }

    [Fact]
    public void A_higher_minor_version_is_accepted()
    {
        byte[] bytes = Build(Header(), (PayloadType.Nonce, NonceBody, false));
        bytes[17] = 0x21;
        Assert.True(IkeMessage.TryParse(bytes, out IkeMessage? message, out _));
        Assert.Equal(1, message.Header.MinorVersion);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(1000)]
    public void Header_length_that_differs_from_the_datagram(int delta)
    {
        byte[] bytes = Build(Header(), (PayloadType.Nonce, NonceBody, false));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)(bytes.Length + delta));
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(bytes).Notify);
    }

    [Fact]
    public void Unknown_payload_is_skipped_unless_critical()
    {
        byte[] skipped = Build(Header(), ((PayloadType)200, new byte[] { 1, 2, 3 }, false), (PayloadType.Nonce, NonceBody, false));
        Assert.True(IkeMessage.TryParse(skipped, out IkeMessage? message, out _));
        Assert.Equal(PayloadType.Nonce, Assert.Single(message.Payloads).Type);

        byte[] critical = Build(Header(), ((PayloadType)200, new byte[] { 1, 2, 3 }, true), (PayloadType.Nonce, NonceBody, false));
        IkeError error = ParseError(critical);
        Assert.Equal(NotifyType.UnsupportedCriticalPayload, error.Notify);
        Assert.Equal(new byte[] { 200 }, error.GetNotificationData());
        Assert.Equal(new byte[] { 200 }, NotifyPayload.FromError(error).Data.ToArray());
    }

    [Fact]
    public void Known_payload_with_the_critical_bit_is_parsed()
    {
        byte[] bytes = Build(Header(), (PayloadType.Nonce, NonceBody, true));
        Assert.True(IkeMessage.TryParse(bytes, out IkeMessage? message, out _));
        Assert.True(message.Payloads[0].Critical);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void Zero_or_short_payload_length_in_a_chain(int length)
    {
        byte[] bytes = Build(Header(), (PayloadType.VendorId, new byte[] { 1 }, false), (PayloadType.Nonce, NonceBody, false));
        SetUInt16(bytes, IkeHeader.Size + 2, length);
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(bytes).Notify);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_payload_that_names_itself_as_next_cannot_make_the_chain_loop(int length)
    {
        // A parser that trusted a zero length would read the same payload forever; a length of 4 walks on
        // and then runs out of message.
        byte[] bytes = Build(Header(), (PayloadType.VendorId, new byte[] { 1 }, false));
        bytes[IkeHeader.Size] = (byte)PayloadType.VendorId;
        SetUInt16(bytes, IkeHeader.Size + 2, length);
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(bytes).Notify);
    }

    [Fact]
    public void Unknown_critical_payload_inside_sk_is_reported_too()
    {
        byte[] chain = [0, 0x80, 0, 5, 9];
        Assert.False(PayloadChain.TryParse(chain, (PayloadType)250, insideEncrypted: true, [], out IkeError error));
        Assert.Equal((NotifyType.UnsupportedCriticalPayload, (byte)250), (error.Notify, error.Data));
        chain[1] = 0;
        Assert.True(PayloadChain.TryParse(chain, (PayloadType)250, insideEncrypted: true, [], out _));
    }

    [Fact]
    public void Payload_length_past_the_end_of_the_message()
    {
        byte[] bytes = Build(Header(), (PayloadType.Nonce, NonceBody, false));
        SetUInt16(bytes, IkeHeader.Size + 2, NonceBody.Length + 5);
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(bytes).Notify);
    }

    [Fact]
    public void Chain_that_ends_before_the_message_or_runs_past_it()
    {
        byte[] trailing = Build(Header(), (PayloadType.Nonce, NonceBody, false), (PayloadType.VendorId, new byte[] { 1 }, false));
        trailing[IkeHeader.Size] = 0;
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(trailing).Notify);

        byte[] dangling = Build(Header(), (PayloadType.Nonce, NonceBody, false));
        dangling[IkeHeader.Size] = (byte)PayloadType.VendorId;
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(dangling).Notify);
    }

    [Fact]
    public void A_chain_of_many_tiny_unknown_payloads_is_bounded()
    {
        var payloads = Enumerable.Repeat(((PayloadType)222, Array.Empty<byte>(), false), PayloadChain.MaxPayloads + 1).ToArray();
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(Build(Header(), payloads)).Notify);
        Assert.True(IkeMessage.TryParse(Build(Header(), payloads[..PayloadChain.MaxPayloads]), out _, out _));
    }

    [Fact]
    public void Encrypted_payload_must_be_last()
    {
        byte[] bytes = Build(Header(ExchangeType.IkeAuth), (PayloadType.Encrypted, new byte[32], false), (PayloadType.Nonce, NonceBody, false));
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(bytes).Notify);
    }

    [Fact]
    public void Encrypted_payload_inside_encrypted_content_is_refused()
    {
        var inner = new List<Payload>();
        byte[] chain = PayloadBytes.Encode(new EncryptedPayload(PayloadType.Nonce, new byte[32]));
        Assert.False(PayloadChain.TryParse(chain, PayloadType.Encrypted, insideEncrypted: true, inner, out IkeError error));
        Assert.Equal(NotifyType.InvalidSyntax, error.Notify);
        Assert.False(PayloadChain.TryParse(chain, PayloadType.EncryptedFragment, insideEncrypted: true, inner, out _));
    }

    [Fact]
    public void Malformed_payload_in_a_message_is_invalid_syntax()
    {
        byte[] bytes = Build(Header(), (PayloadType.Nonce, new byte[8], false));
        Assert.Equal(NotifyType.InvalidSyntax, ParseError(bytes).Notify);
    }
}
