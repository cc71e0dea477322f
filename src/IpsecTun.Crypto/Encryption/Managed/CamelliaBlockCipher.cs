using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpsecTun.Crypto;

/// <summary>
/// Camellia (RFC 3713) as a BouncyCastle block cipher engine. BouncyCastle's own Camellia engines allocate
/// a small array per block; this one allocates only when keyed, so CBC and CTR over it stay allocation-free.
/// </summary>
internal sealed partial class CamelliaBlockCipher : IBlockCipher
{
    private const int BlockSize = 16;

    // The six 64-bit key schedule constants Sigma1..Sigma6 (RFC 3713 §2.2).
    private static readonly ulong[] Sigma =
    [
        0xA09E667F3BCC908BUL, 0xB67AE8584CAA73B2UL, 0xC6EF372FE94F82BEUL,
        0x54FF53A5F1D36F1CUL, 0x10E527FADE682D1DUL, 0xB05688C2B3E6C1FDUL,
    ];

    // Subkeys in the order the rounds use them (reversed when keyed for decryption): the whitening keys
    // kw1..kw4, the round keys k1..k18 (k1..k24 above 128 bits) and the FL/FL^-1 keys ke1..ke4 (ke1..ke6).
    private ulong[] whitening = [];
    private ulong[] rounds = [];
    private ulong[] layers = [];

    public string AlgorithmName => "Camellia";

    public int GetBlockSize() => BlockSize;

    public void Init(bool forEncryption, ICipherParameters parameters)
    {
        if (parameters is not KeyParameter key || key.KeyLength is not (16 or 24 or 32))
        {
            throw new ArgumentException("Camellia takes a 128, 192 or 256-bit key.", nameof(parameters));
        }

        Clear();
        byte[] bytes = key.GetKey();
        try
        {
            ExpandKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        if (!forEncryption)
        {
            ReverseSchedule();
        }
    }

    public int ProcessBlock(byte[] inBuf, int inOff, byte[] outBuf, int outOff) =>
        ProcessBlock(inBuf.AsSpan(inOff, BlockSize), outBuf.AsSpan(outOff, BlockSize));

    /// <summary>The data randomizing part (RFC 3713 §2.3): whitening, Feistel rounds with an FL layer every six, whitening.</summary>
    public int ProcessBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ulong d1 = BinaryPrimitives.ReadUInt64BigEndian(input) ^ whitening[0];
        ulong d2 = BinaryPrimitives.ReadUInt64BigEndian(input[8..]) ^ whitening[1];
        for (int i = 0; i < rounds.Length; i += 2)
        {
            if (i > 0 && i % 6 == 0)
            {
                d1 = FL(d1, layers[i / 3 - 2]);
                d2 = FLInverse(d2, layers[i / 3 - 1]);
            }

            d2 ^= F(d1, rounds[i]);
            d1 ^= F(d2, rounds[i + 1]);
        }

        BinaryPrimitives.WriteUInt64BigEndian(output, d2 ^ whitening[2]);
        BinaryPrimitives.WriteUInt64BigEndian(output[8..], d1 ^ whitening[3]);
        return BlockSize;
    }

    /// <summary>Zeroes the key schedule.</summary>
    public void Clear()
    {
        Array.Clear(whitening);
        Array.Clear(rounds);
        Array.Clear(layers);
    }

    private static ulong FL(ulong x, ulong key)
    {
        uint x1 = (uint)(x >> 32), x2 = (uint)x, k1 = (uint)(key >> 32), k2 = (uint)key;
        x2 ^= BitOperations.RotateLeft(x1 & k1, 1);
        x1 ^= x2 | k2;
        return ((ulong)x1 << 32) | x2;
    }

    private static ulong FLInverse(ulong y, ulong key)
    {
        uint y1 = (uint)(y >> 32), y2 = (uint)y, k1 = (uint)(key >> 32), k2 = (uint)key;
        y1 ^= y2 | k2;
        y2 ^= BitOperations.RotateLeft(y1 & k1, 1);
        return ((ulong)y1 << 32) | y2;
    }

    /// <summary>The key scheduling part (RFC 3713 §2.2): KA and KB from the key, then subkeys as rotations of KL, KR, KA, KB.</summary>
    private void ExpandKey(ReadOnlySpan<byte> key)
    {
        var kl = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(key), BinaryPrimitives.ReadUInt64BigEndian(key[8..]));
        UInt128 kr = key.Length switch
        {
            16 => UInt128.Zero,
            24 => new UInt128(BinaryPrimitives.ReadUInt64BigEndian(key[16..]), ~BinaryPrimitives.ReadUInt64BigEndian(key[16..])),
            _ => new UInt128(BinaryPrimitives.ReadUInt64BigEndian(key[16..]), BinaryPrimitives.ReadUInt64BigEndian(key[24..])),
        };

        ulong d1 = (ulong)((kl ^ kr) >> 64), d2 = (ulong)(kl ^ kr);
        d2 ^= F(d1, Sigma[0]);
        d1 ^= F(d2, Sigma[1]);
        d1 ^= (ulong)(kl >> 64);
        d2 ^= (ulong)kl;
        d2 ^= F(d1, Sigma[2]);
        d1 ^= F(d2, Sigma[3]);
        var ka = new UInt128(d1, d2);

        if (key.Length == 16)
        {
            whitening = [.. Halves(kl, 0), .. Halves(ka, 111)];
            rounds =
            [
                .. Halves(ka, 0), .. Halves(kl, 15), .. Halves(ka, 15), .. Halves(kl, 45), High(ka, 45), Low(kl, 60),
                .. Halves(ka, 60), .. Halves(kl, 94), .. Halves(ka, 94), .. Halves(kl, 111),
            ];
            layers = [.. Halves(ka, 30), .. Halves(kl, 77)];
            return;
        }

        d1 = (ulong)((ka ^ kr) >> 64);
        d2 = (ulong)(ka ^ kr);
        d2 ^= F(d1, Sigma[4]);
        d1 ^= F(d2, Sigma[5]);
        var kb = new UInt128(d1, d2);
        whitening = [.. Halves(kl, 0), .. Halves(kb, 111)];
        rounds =
        [
            .. Halves(kb, 0), .. Halves(kr, 15), .. Halves(ka, 15), .. Halves(kb, 30), .. Halves(kl, 45), .. Halves(ka, 45),
            .. Halves(kr, 60), .. Halves(kb, 60), .. Halves(kl, 77), .. Halves(kr, 94), .. Halves(ka, 94), .. Halves(kl, 111),
        ];
        layers = [.. Halves(kr, 30), .. Halves(kl, 60), .. Halves(ka, 77)];
    }

    /// <summary>Decryption runs the same network with kw1/kw2 and kw3/kw4 exchanged and the round and FL keys in reverse.</summary>
    private void ReverseSchedule()
    {
        whitening = [whitening[2], whitening[3], whitening[0], whitening[1]];
        Array.Reverse(rounds);

        // Each FL layer is a pair (ke for FL, ke for FL^-1); reversing the whole array both reverses the
        // layers and swaps each pair, which is what decryption needs.
        Array.Reverse(layers);
    }

    private static ulong[] Halves(UInt128 value, int rotation)
    {
        var rotated = UInt128.RotateLeft(value, rotation);
        return [(ulong)(rotated >> 64), (ulong)rotated];
    }

    private static ulong High(UInt128 value, int rotation) => (ulong)(UInt128.RotateLeft(value, rotation) >> 64);

    private static ulong Low(UInt128 value, int rotation) => (ulong)UInt128.RotateLeft(value, rotation);
}
