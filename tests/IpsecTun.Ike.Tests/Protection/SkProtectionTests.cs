using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;
using static IpsecTun.Ike.Tests.RawMessage;

namespace IpsecTun.Ike.Tests.Protection;

public class SkProtectionTests
{
    private static readonly byte[] EncryptionKey = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] GcmKey = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
    private static readonly byte[] IntegrityKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private static readonly Payload[] AuthRequest =
    [
        IdentificationPayload.FromText(PayloadType.IdInitiator, IdentificationType.Rfc822Address, "left@example.org"),
        new NotifyPayload(NotifyType.InitialContact),
        new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, new byte[32]),
        new ConfigurationPayload(ConfigurationType.Request, [new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address)]),
        new SecurityAssociationPayload([new Proposal(1, ProtocolId.Esp, new byte[] { 0xc0, 1, 2, 3 },
            [new Transform(TransformType.Encryption, (ushort)EncryptionTransformId.AesGcm16, [TransformAttribute.KeyLength(128)])])]),
        new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, [TrafficSelector.AddressRange(IPAddress.Any, IPAddress.Broadcast)]),
        new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, [TrafficSelector.AddressRange(IPAddress.Parse("10.2.0.0"), IPAddress.Parse("10.2.0.255"))]),
    ];

    public static TheoryData<string> Suites => new() { "cbc", "gcm" };

    internal static SkProtection Create(string suite) => suite == "gcm"
        ? new SkProtection(TestCiphers.AesGcm16_128, GcmKey, null, default, RandomSource.System)
        : new SkProtection(TestCiphers.AesCbc128, EncryptionKey, IntegrityAlgorithms.HmacSha2_256_128, IntegrityKey, RandomSource.System);

    [Theory]
    [MemberData(nameof(Suites))]
    public void Protected_payloads_open_to_the_same_payloads(string suite)
    {
        using SkProtection sender = Create(suite);
        using SkProtection receiver = Create(suite);
        byte[] datagram = sender.Protect(Header(ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1), AuthRequest);

        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out _));
        Assert.Equal(PayloadType.Encrypted, Assert.Single(message.Payloads).Type);
        Assert.Equal(sender.GetContentSize(PayloadChain.GetSize(AuthRequest)), message.Encrypted!.Content.Length);
        var inner = new List<Payload>();
        Assert.True(receiver.TryOpen(datagram, message, inner, out IkeError error), error.Reason);

        Assert.Equal(AuthRequest.Select(p => PayloadBytes.Encode(p)), inner.Select(p => PayloadBytes.Encode(p)));
        Assert.True(Messages.Rules.ExchangeRules.Check(message, inner, out _));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Any_changed_byte_fails_the_integrity_check(string suite)
    {
        using SkProtection sender = Create(suite);
        using SkProtection receiver = Create(suite);
        byte[] datagram = sender.Protect(Header(ExchangeType.Informational, IkeHeaderFlags.Initiator, 2), [DeletePayload.IkeSa()]);

        for (int i = 0; i < datagram.Length; i++)
        {
            byte[] tampered = (byte[])datagram.Clone();
            tampered[i] ^= 0x01;
            if (!IkeMessage.TryParse(tampered, out IkeMessage? message, out _) || message.Encrypted is null)
            {
                continue;
            }

            Assert.False(receiver.TryOpen(tampered, message, [], out IkeError error));
            Assert.True(error.IsSilentDrop);
        }
    }

    [Fact]
    public void Integrity_is_checked_before_anything_is_decrypted()
    {
        using SkProtection sender = Create("cbc");
        var cipher = new CountingCipher(TestCiphers.AesCbc128.CreateCipher(EncryptionKey));
        using var receiver = new SkProtection(cipher, IntegrityAlgorithms.HmacSha2_256_128.CreateAuthenticator(IntegrityKey), RandomSource.System);
        byte[] datagram = sender.Protect(Header(ExchangeType.Informational, IkeHeaderFlags.Initiator, 2), [DeletePayload.IkeSa()]);
        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out _));
        Assert.True(receiver.TryOpen(datagram, message, [], out _));
        Assert.Equal(1, cipher.DecryptCalls);

        datagram[^1] ^= 0x80;
        Assert.False(receiver.TryOpen(datagram, message, [], out _));
        Assert.Equal(1, cipher.DecryptCalls);
    }

    [Fact]
    public void Wrong_key_is_a_silent_drop()
    {
        using SkProtection sender = Create("gcm");
        using var receiver = new SkProtection(TestCiphers.AesGcm16_128, new byte[20], null, default, RandomSource.System);
        byte[] datagram = sender.Protect(Header(ExchangeType.Informational, IkeHeaderFlags.Initiator, 2), []);
        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out _));
        Assert.False(receiver.TryOpen(datagram, message, [], out IkeError error));
        Assert.True(error.IsSilentDrop);
    }

    [Fact]
    public void Empty_informational_round_trips()
    {
        using SkProtection sender = Create("cbc");
        using SkProtection receiver = Create("cbc");
        byte[] datagram = sender.Protect(Header(ExchangeType.Informational, IkeHeaderFlags.Initiator | IkeHeaderFlags.Response, 5), []);
        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out _));
        var inner = new List<Payload>();
        Assert.True(receiver.TryOpen(datagram, message, inner, out _));
        Assert.Empty(inner);
        Assert.Equal(PayloadType.None, message.Encrypted!.FirstInnerPayload);
    }

    [Fact]
    public void Cbc_ivs_are_random_and_gcm_ivs_never_repeat()
    {
        using SkProtection cbc = Create("cbc");
        using SkProtection gcm = Create("gcm");
        IkeHeader header = Header(ExchangeType.Informational, IkeHeaderFlags.Initiator, 2);
        static byte[] Iv(byte[] datagram, int size) => datagram.AsSpan(IkeHeader.Size + PayloadHeader.Size, size).ToArray();

        Assert.NotEqual(Iv(cbc.Protect(header, []), 16), Iv(cbc.Protect(header, []), 16));
        var gcmIvs = Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(Iv(gcm.Protect(header, []), 8))).ToHashSet();
        Assert.Equal(100, gcmIvs.Count);
    }

    [Fact]
    public void An_aead_takes_no_integrity_transform_and_a_cipher_needs_one()
    {
        Assert.Throws<ArgumentException>(() => new SkProtection(TestCiphers.AesGcm16_128, GcmKey, IntegrityAlgorithms.HmacSha2_256_128, IntegrityKey, RandomSource.System));
        Assert.Throws<ArgumentException>(() => new SkProtection(TestCiphers.AesCbc128, EncryptionKey, null, default, RandomSource.System));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Fragments_fit_the_size_and_reassemble_to_the_message(string suite)
    {
        using SkProtection sender = Create(suite);
        using SkProtection receiver = Create(suite);
        IkeHeader header = Header(ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1);

        IReadOnlyList<byte[]> fragments = sender.ProtectFragments(header, AuthRequest, 120);

        Assert.True(fragments.Count > 2);
        var reassembler = new FragmentReassembler(ReassemblyLimits.Default, new ManualTime());
        ReassembledMessage? whole = null;
        foreach (byte[] datagram in fragments.Reverse())
        {
            Assert.InRange(datagram.Length, IkeHeader.Size, 120);
            Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out IkeError parseError), parseError.Reason);
            Assert.True(Messages.Rules.ExchangeRules.Check(message, null, out _));
            Assert.Equal(fragments.Count, message.Fragment!.TotalFragments);
            Assert.True(receiver.TryDecryptContent(datagram, message, out byte[]? content));
            ReassemblyStatus status = reassembler.Add(message.Header.MessageId, message.Fragment, content, out whole);
            Assert.Equal(message.Fragment.FragmentNumber == 1 ? ReassemblyStatus.Complete : ReassemblyStatus.Incomplete, status);
        }

        Assert.NotNull(whole);
        Assert.Equal(PayloadType.IdInitiator, whole.FirstPayload);
        var inner = new List<Payload>();
        Assert.True(PayloadChain.TryParse(whole.Payloads.Span, whole.FirstPayload, true, inner, out _));
        Assert.Equal(AuthRequest.Select(p => PayloadBytes.Encode(p)), inner.Select(p => PayloadBytes.Encode(p)));
    }

    public static TheoryData<string> EveryEncryptionTransform => [.. EncryptionAlgorithms.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(EveryEncryptionTransform))]
    public void Every_encryption_transform_protects_sk_and_skf(string name)
    {
        EncryptionAlgorithm encryption = EncryptionAlgorithms.All.Single(a => a.Name == name);
        IntegrityAlgorithm? integrity = encryption.IsAead ? null : IntegrityAlgorithms.HmacSha2_256_128;
        byte[] key = Enumerable.Range(7, encryption.KeyMaterialSize).Select(i => (byte)i).ToArray();
        using var sender = new SkProtection(encryption, key, integrity, IntegrityKey, RandomSource.System);
        using var receiver = new SkProtection(encryption, key, integrity, IntegrityKey, RandomSource.System);
        IkeHeader header = Header(ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1);

        byte[] datagram = sender.Protect(header, AuthRequest);
        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out _));
        var inner = new List<Payload>();
        Assert.True(receiver.TryOpen(datagram, message, inner, out IkeError error), error.Reason);
        Assert.Equal(AuthRequest.Select(p => PayloadBytes.Encode(p)), inner.Select(p => PayloadBytes.Encode(p)));
        datagram[IkeHeader.Size + PayloadHeader.Size + encryption.IvSize] ^= 1;
        Assert.False(receiver.TryOpen(datagram, message, [], out _));

        var reader = new InboundMessageReader(receiver, new FragmentReassembler(ReassemblyLimits.Default, new ManualTime()));
        IReadOnlyList<byte[]> fragments = sender.ProtectFragments(header, AuthRequest, 150);
        InboundStatus status = InboundStatus.Rejected;
        foreach (byte[] fragment in fragments)
        {
            Assert.True(fragment.Length <= 150);
            Assert.True(IkeMessage.TryParse(fragment, out IkeMessage? part, out _));
            status = reader.Read(fragment, part, inner, out error);
        }

        Assert.Equal(InboundStatus.Complete, status);
        Assert.Equal(AuthRequest.Length, inner.Count);
    }

    [Fact]
    public void Fragment_size_too_small_for_any_content_is_refused()
    {
        using SkProtection sender = Create("cbc");
        Assert.Throws<ArgumentOutOfRangeException>(() => sender.ProtectFragments(Header(ExchangeType.IkeAuth), AuthRequest, 60));
    }
}
