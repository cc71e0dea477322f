namespace IpsecTun.Crypto.Tests;

/// <summary>Every AEAD, on both backends, refuses a packet with any bit changed, and never throws doing so.</summary>
public class AeadTamperTests
{
    public static TheoryData<string, Backend> AeadsAndBackends =>
        new MatrixTheoryData<string, Backend>([.. AeadAlgorithms.All.Select(a => a.Name)], [Backend.Managed, Backend.LibCrypto]);

    [Theory]
    [MemberData(nameof(AeadsAndBackends))]
    public void Rejects_a_flipped_bit_in_ciphertext_tag_or_aad(string name, Backend backend)
    {
        var sealedPacket = Packet.Seal(name, backend, payloadLength: 61);
        using var cipher = sealedPacket.CreateCipher();

        Assert.True(sealedPacket.Open(cipher));
        for (int bit = 0; bit < 8; bit++)
        {
            Assert.False(sealedPacket.WithFlippedBit(Part.Ciphertext, 60, bit).Open(cipher));
            Assert.False(sealedPacket.WithFlippedBit(Part.Icv, sealedPacket.Icv.Length - 1, bit).Open(cipher));
            Assert.False(sealedPacket.WithFlippedBit(Part.Aad, 3, bit).Open(cipher));
            Assert.False(sealedPacket.WithFlippedBit(Part.Iv, 7, bit).Open(cipher));
        }

        // The untouched packet still opens: the failures left the cipher usable.
        Assert.True(sealedPacket.Open(cipher));
    }

    [Theory]
    [MemberData(nameof(AeadsAndBackends))]
    public void Rejects_wrong_iv_and_icv_lengths(string name, Backend backend)
    {
        var sealedPacket = Packet.Seal(name, backend, payloadLength: 16);
        using var cipher = sealedPacket.CreateCipher();
        byte[] data = (byte[])sealedPacket.Ciphertext.Clone();

        Assert.False(cipher.TryDecrypt(sealedPacket.Iv.AsSpan(0, 7), sealedPacket.Aad, data, sealedPacket.Icv));
        Assert.False(cipher.TryDecrypt(sealedPacket.Iv, sealedPacket.Aad, data, sealedPacket.Icv.AsSpan(1)));
        Assert.False(cipher.TryDecrypt(sealedPacket.Iv, sealedPacket.Aad, data, []));
    }

    public enum Part
    {
        Ciphertext,
        Icv,
        Aad,
        Iv,
    }

    private sealed record Packet(string Name, Backend Backend, byte[] KeyMaterial, byte[] Iv, byte[] Aad, byte[] Plaintext, byte[] Ciphertext, byte[] Icv)
    {
        public static Packet Seal(string name, Backend backend, int payloadLength)
        {
            var algorithm = Ciphers.Get(name);
            var random = new Random(name.Length * 31 + payloadLength);
            byte[] keyMaterial = new byte[algorithm.KeyMaterialSize];
            byte[] iv = new byte[algorithm.IvSize];
            byte[] aad = new byte[8];
            byte[] plaintext = new byte[payloadLength];
            random.NextBytes(keyMaterial);
            random.NextBytes(iv);
            random.NextBytes(aad);
            random.NextBytes(plaintext);
            byte[] data = (byte[])plaintext.Clone();
            byte[] icv = new byte[algorithm.IcvSize];
            using (var cipher = Ciphers.Create(algorithm, backend, keyMaterial))
            {
                cipher.Encrypt(iv, aad, data, icv);
            }

            return new Packet(name, backend, keyMaterial, iv, aad, plaintext, data, icv);
        }

        public PacketCipher CreateCipher() => Ciphers.Create(Ciphers.Get(Name), Backend, KeyMaterial);

        public bool Open(PacketCipher cipher)
        {
            byte[] data = (byte[])Ciphertext.Clone();
            return cipher.TryDecrypt(Iv, Aad, data, Icv) && data.AsSpan().SequenceEqual(Plaintext);
        }

        public Packet WithFlippedBit(Part part, int index, int bit)
        {
            var copy = this with { Ciphertext = (byte[])Ciphertext.Clone(), Icv = (byte[])Icv.Clone(), Aad = (byte[])Aad.Clone(), Iv = (byte[])Iv.Clone() };
            byte[] target = part switch { Part.Ciphertext => copy.Ciphertext, Part.Icv => copy.Icv, Part.Aad => copy.Aad, _ => copy.Iv };
            target[index] ^= (byte)(1 << bit);
            return copy;
        }
    }
}
