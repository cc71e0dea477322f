using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Tests.Fixtures;

namespace IpsecTun.Ike.Tests.Protection;

public class InboundMessageReaderTests
{
    private readonly List<Payload> _payloads = [];

    private static InboundMessageReader Reader(StrongSwanCapture capture, bool fromInitiator) =>
        new(capture.ProtectionFor(capture.Parse(fromInitiator ? 0 : 1)), new FragmentReassembler(ReassemblyLimits.Default, new ManualTime()));

    private InboundStatus Read(InboundMessageReader reader, byte[] datagram, out IkeError error)
    {
        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out error));
        return reader.Read(datagram, message, _payloads, out error);
    }

    [Fact]
    public void Ike_sa_init_needs_no_keys()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        var reader = new InboundMessageReader(null, new FragmentReassembler(ReassemblyLimits.Default, new ManualTime()));
        Assert.Equal(InboundStatus.Complete, Read(reader, capture.Datagrams[0], out _));
        Assert.Equal(capture.Parse(0).Payloads.Select(p => p.Type), _payloads.Select(p => p.Type));
        Assert.Equal(InboundStatus.Rejected, Read(reader, capture.Datagrams[2], out IkeError error));
        Assert.True(error.IsSilentDrop);
    }

    [Fact]
    public void Sk_messages_come_out_decrypted()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        Assert.Equal(InboundStatus.Complete, Read(Reader(capture, fromInitiator: true), capture.Datagrams[2], out _));
        Assert.Equal(PayloadType.IdInitiator, _payloads[0].Type);
        Assert.Equal(InboundStatus.Complete, Read(Reader(capture, fromInitiator: false), capture.Datagrams[3], out _));
        Assert.Equal(PayloadType.IdResponder, _payloads[0].Type);
    }

    [Fact]
    public void Keys_of_the_other_direction_or_a_changed_byte_are_a_silent_drop()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        Assert.Equal(InboundStatus.Rejected, Read(Reader(capture, fromInitiator: false), capture.Datagrams[2], out IkeError error));
        Assert.True(error.IsSilentDrop);
        byte[] tampered = (byte[])capture.Datagrams[2].Clone();
        tampered[^20] ^= 1;
        Assert.Equal(InboundStatus.Rejected, Read(Reader(capture, fromInitiator: true), tampered, out error));
        Assert.True(error.IsSilentDrop);
    }

    [Fact]
    public void Fragments_are_pending_until_the_last_arrives()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.Gcm16Ecp256Fragmented);
        InboundMessageReader reader = Reader(capture, fromInitiator: true);
        Assert.Equal(InboundStatus.FragmentPending, Read(reader, capture.Datagrams[3], out _));
        Assert.Equal(InboundStatus.FragmentPending, Read(reader, capture.Datagrams[3], out _));
        Assert.Equal(InboundStatus.Complete, Read(reader, capture.Datagrams[2], out _));
        Assert.Equal(13, _payloads.Count);
    }

    [Fact]
    public void Decrypted_payloads_that_break_the_exchange_rules_are_invalid_syntax()
    {
        StrongSwanCapture capture = StrongSwanCapture.Load(StrongSwanCapture.CbcSha256Modp2048);
        IkeMessage authRequest = capture.Parse(2);
        using var sender = capture.ProtectionFor(authRequest);
        byte[] datagram = sender.Protect(authRequest.Header, [new NoncePayload(new byte[32])]);
        Assert.Equal(InboundStatus.Rejected, Read(Reader(capture, fromInitiator: true), datagram, out IkeError error));
        Assert.Equal(NotifyType.InvalidSyntax, error.Notify);
    }
}
