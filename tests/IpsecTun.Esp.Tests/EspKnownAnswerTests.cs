using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>Published ESP packets: RFC 3602 §4 (AES-CBC), draft-mcgrew-gcm-test-01 (AES-GCM), RFC 7634 Appendix A (ChaCha20-Poly1305).</summary>
public class EspKnownAnswerTests
{
    private static EncryptionAlgorithm Encryption(EncryptionTransformId id, int bits)
    {
        Assert.True(TransformRegistry.TryGetEncryption(id, bits, out EncryptionAlgorithm? algorithm), $"{id} {bits} is not registered");
        return algorithm;
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(string.Concat(hex.Where(char.IsAsciiHexDigit)));

    /// <summary>RFC 3602 §4 cases 5 to 8: key, SPI, sequence number, IV, next header, payload, ESP packet (no ICV).</summary>
    public static TheoryData<string, uint, uint, string, byte, string, string> Rfc3602Cases() => new()
    {
        {
            "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 1, "e96e8c08ab465763fd098d45dd3ff893", IpProtocol.Icmp,
            "08000ebda70a00008e9c083db95b070008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "0000432100000001e96e8c08ab465763fd098d45dd3ff893f663c25d325c18c6a9453e194e120849a4870b66cc6b9965330013b4898dc856a4699e523a55db080b59ec3a8e4b7e52775b07d1db34ed9c538ab50c551b874aa269add047ad2d5913ac19b7cfbad4a6"
        },
        {
            "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 8, "69d08df7d203329db093fc4924e5bd80", IpProtocol.Icmp,
            "0800b5e8a80a0500a69c083d0b660e00777777777777777777777777",
            "000043210000000869d08df7d203329db093fc4924e5bd80f51995881ec4e0c4488987ce742e8109689bb379d2d750c0d915dca346a89f75"
        },
        {
            "0123456789abcdef0123456789abcdef", 0x8765, 2, "f4e765244f6407adf13dc1380f673f37", IpProtocol.Ipv4,
            "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a2040008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "0000876500000002f4e765244f6407adf13dc1380f673f37773b5241a4c449225e4f3ce5ed611b0c237ca96cf74a93013c1b0ea1a0cf70f8e4ecaec78ac53aad7a0f022b859243c647752e94a859352b8a4d4d2decd136e5c177f132ad3fbfb2201ac9904c74ee0a109e0ca1e4dfe9d5a100b842f1c22f0d"
        },
        {
            "0123456789abcdef0123456789abcdef", 0x8765, 5, "85d47224b5f3dd5d2101d4ea8dffab22", IpProtocol.Ipv4,
            "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "000087650000000585d47224b5f3dd5d2101d4ea8dffab2215b92683819596a8047232cc00f7048fe45318e11f8a0f62ede3c3fc61203bb50f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed971ef3d2726d9b5ef6affc6d17a0decbb13892"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc3602Cases))]
    public void Aes_cbc_encapsulation_reproduces_rfc_3602(string key, uint spi, uint sequence, string iv, byte nextHeader, string payload, string esp)
    {
        SaMode mode = nextHeader == IpProtocol.Ipv4 ? SaMode.Tunnel : SaMode.Transport;
        var sender = new Receiver(SaDirection.Outbound, mode, Encryption(EncryptionTransformId.AesCbc, 128), Hex(key), spi, random: new FixedRandomSource(Hex(iv)));
        sender.Sa.SetLastSequence(sequence - 1);
        byte[] packet = mode == SaMode.Tunnel ? Hex(payload) : IcmpFromLocal(Hex(payload));

        PacketBuffer buffer = Packets.Buffer(packet);
        OutboundResult result = sender.Worker.Protect(sender.Sa, buffer);

        Assert.Equal(OutboundVerdict.Send, result.Verdict);
        Assert.Equal(Hex(esp), buffer.Data[result.IpHeaderLength..].ToArray());
        Assert.Equal(IpProtocol.Esp, buffer.Data[9]);
    }

    [Theory]
    [MemberData(nameof(Rfc3602Cases))]
    public void Aes_cbc_decapsulation_recovers_rfc_3602_payloads(string key, uint spi, uint sequence, string iv, byte nextHeader, string payload, string esp)
    {
        _ = sequence;
        _ = iv;
        SaMode mode = nextHeader == IpProtocol.Ipv4 ? SaMode.Tunnel : SaMode.Transport;
        var receiver = new Receiver(SaDirection.Inbound, mode, Encryption(EncryptionTransformId.AesCbc, 128), Hex(key), spi);

        var (result, delivered) = receiver.Receive(Hex(esp));

        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        byte[] expected = mode == SaMode.Tunnel ? Hex(payload) : IcmpFromPeer(Hex(payload));
        Assert.Equal(expected, delivered);
    }

    /// <summary>draft-mcgrew-gcm-test-01 §4: key, salt and IV (the nonce), AAD (SPI and 32- or 64-bit sequence), plaintext with trailer, ciphertext, ICV.</summary>
    public static TheoryData<int, string, string, string, string, string, string> GcmCases() => new()
    {
        { 1, "4c80cdefbb5d10da906ac73c3613a634", "2e443b684956ed7e3b244cfe", "000043218765432100000000", "45000048699a000080114db7c0a80102c0a801010a9bf15638d301000001000000000000045f736970045f756470037369700963796265726369747902646b000021000101020201", "fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce61bc17d768fd9732", "459018148f6cbe722fd04796562dfdb4" },
        { 2, "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "0000a5f80000000a", "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d001000001000000000000037369700963796265726369747902646b00000100010001", "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c3de81827c10e9a4f51330d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd1", "83b70d3aa8bc6ee4c309e9d85a41ad4a" },
        { 3, "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "112233440102030405060708", "4a2cbfe300000002", "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf0000020405b40101040201020201", "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f0545659f14e99def842d8e", "b335f4eecfdbf831824b4c4915956c96" },
        { 4, "00000000000000000000000000000000", "000000000000000000000000", "0000000000000001", "4500003c99c500008001cb7a40679318010101010800075c020044006162636465666768696a6b6c6d6e6f707172737475767761626364656667686901020201", "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284456476492719ffb64de7d9dca1e1d894bc3bd57873ed4d181d19d4d5c8c18af3", "f821d496eeb096e98ad2b69e4799c71d" },
        { 5, "3de09874b388e6491988d0c3607eae1f", "57690e434e280000a2fca1a3", "42f67e3f1010101010101010", "4500003c99c300008001cb7c40679318010101010800085c020043006162636465666768696a6b6c6d6e6f707172737475767761626364656667686901020201", "fba2caa4853cf9f0f22cb10d86dd83b0fec75691cf1a04b00d1138ec9c35791765acbd8701ad79845bf9fe3fba487bc91755e6662b4c8d0d1f5e22739530320a", "e0d731cc978ecafaeae88f00e80d6e48" },
        { 7, "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabefacedbaddecaf888", "0000a5f80000000a", "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e501016d075680001", "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0315b27452144cc77", "95457b9652037f5318027b5b4cd7a636" },
        { 8, "abbccddef00112233445566778899aab", "decaf888cafedebaceface74", "000001000000000000000001", "4500004933ba00007f119106c3fb1d10c2b1d326c02831ce0035dd7b800302d500004e20001e8c18d75b81dc91baa0476b91b924b280389d92c963bac046ec959b6266c04722b14923010101", "18a6fd42f72cbf4ab2a2ea901f73d814e3e7f243d95412e1c349c1d2fbec168f9190feebaf2cb01984e65863965d7472b79da345e0e780191f0d2f0e0f496c226f2127b27db35724e7845d68", "651f57e65f354f75ff17015769623436" },
        { 12, "7d773d00c144c525ac619d18c84a3f47", "d966426743457e9182443bc6", "335467aeffffffff", "01020201", "437f866b", "cb3f699fe9b0822bac961c4504bef270" },
        { 14, "6c6567616c697a656d6172696a75616e61616e64646f69746265666f72656961", "7475726e333021696765746d", "796b6963ffffffffffffffff", "45000030da3a00008001df3bc0a80005c0a800010800c6cd020007006162636465666768696a6b6c6d6e6f707172737401020201", "f97ab2aa356d8edce17644ac8c78e25dd24dedbb29ebf1b64a274b39b49c3a864cd3d78ca4ae68a32b42458fb57dbe821dcc63b9", "d0937ba2945f669368661a329fb4c053" },
    };

    [Theory]
    [MemberData(nameof(GcmCases))]
    public void Aes_gcm_decapsulation_recovers_draft_mcgrew_gcm_test_packets(int testCase, string key, string nonce, string aad, string plaintext, string ciphertext, string icv)
    {
        _ = testCase;
        byte[] keyBytes = Hex(key);
        byte[] nonceBytes = Hex(nonce);
        byte[] aadBytes = Hex(aad);
        bool esn = aadBytes.Length == 12;
        uint spi = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(aadBytes);
        ulong sequence = esn ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(aadBytes.AsSpan(4)) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(aadBytes.AsSpan(4));
        var receiver = new Receiver(SaDirection.Inbound, SaMode.Transport, Encryption(EncryptionTransformId.AesGcm16, keyBytes.Length * 8), [.. keyBytes, .. nonceBytes[..4]], spi, esn);
        if (sequence > 1)
        {
            // Place the window just below the packet so that the ESN high half is inferred as the vector has it.
            Assert.True(receiver.Sa.Window!.TryAccept(sequence - 1));
        }

        byte[] esp = [.. aadBytes[..4], .. aadBytes[^4..], .. nonceBytes[4..], .. Hex(ciphertext), .. Hex(icv)];
        var (result, delivered) = receiver.Receive(esp);

        byte[] plain = Hex(plaintext);
        int padLength = plain[^2];
        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        Assert.Equal(plain[^1], delivered[9]);
        Assert.Equal(plain[..^(padLength + 2)], delivered[Ipv4Header.MinLength..]);
        Assert.Equal(sequence, receiver.Sa.Window!.Highest);
    }

    [Fact]
    public void Chacha20_poly1305_decapsulation_recovers_the_rfc_7634_appendix_packet()
    {
        byte[] keyMaterial = Hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f a0a1a2a3");
        Assert.True(TransformRegistry.TryGetEncryption(EncryptionTransformId.ChaCha20Poly1305, 0, out EncryptionAlgorithm? chacha));
        var receiver = new Receiver(SaDirection.Inbound, SaMode.Tunnel, chacha, keyMaterial, 0x01020304);
        byte[] esp = Hex("""
            01020304 00000005 1011121314151617
            24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6
            14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3
            cbec163fac469b502773f6fb94e664da9165b82829f641e0
            76aaa8266b7fb0f7b11b369907e1ad43
            """);

        var (result, delivered) = receiver.Receive(esp);

        Assert.Equal(InboundVerdict.Deliver, result.Verdict);
        Assert.Equal(
            Hex("""
                45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10
                0007362708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223
                2425262728292a2b2c2d2e2f3031323334353637
                """),
            delivered);
        Assert.Equal(IpsecCounter.InStateSequenceErrors, receiver.Receive(esp).Result.DropReason);
    }

    private static byte[] IcmpFromLocal(byte[] icmp) => WithHeader(icmp, Receiver.Local, Receiver.Peer);

    private static byte[] IcmpFromPeer(byte[] icmp) => WithHeader(icmp, Receiver.Peer, Receiver.Local);

    private static byte[] WithHeader(byte[] icmp, byte[] source, byte[] destination)
    {
        byte[] packet = new byte[Ipv4Header.MinLength + icmp.Length];
        icmp.CopyTo(packet, Ipv4Header.MinLength);
        Ipv4Header.Write(packet, source, destination, IpProtocol.Icmp, packet.Length);
        return packet;
    }
}
