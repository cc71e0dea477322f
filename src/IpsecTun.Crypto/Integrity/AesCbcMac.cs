using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpsecTun.Crypto;

/// <summary>
/// The CBC-MAC family that AES-XCBC-MAC (RFC 3566) and AES-CMAC (RFC 4493) share: CBC over the message
/// with a zero IV, where the last block is XORed with one subkey when it is complete and padded with
/// 10* and XORed with another when it is not. The AES block primitive is keyed once and reused, so a
/// message allocates nothing.
/// </summary>
internal sealed class AesCbcMac : KeyedHash
{
    internal const int BlockSize = 16;

    private readonly IBlockCipher _aes;
    private readonly byte[] _completeBlockSubkey;
    private readonly byte[] _paddedBlockSubkey;
    private readonly byte[] _state = new byte[BlockSize];
    private readonly byte[] _pending = new byte[BlockSize];
    private int _pendingLength;

    private AesCbcMac(ReadOnlySpan<byte> cbcKey, ReadOnlySpan<byte> completeBlockSubkey, ReadOnlySpan<byte> paddedBlockSubkey)
    {
        _aes = CreateAes(cbcKey);
        _completeBlockSubkey = completeBlockSubkey.ToArray();
        _paddedBlockSubkey = paddedBlockSubkey.ToArray();
    }

    public override int OutputSize => BlockSize;

    /// <summary>AES-XCBC-MAC (RFC 3566 §4): K1 = E(K, 0x01..) keys the CBC, K2 and K3 = E(K, 0x02..), E(K, 0x03..) end it.</summary>
    public static AesCbcMac CreateXcbc(ReadOnlySpan<byte> key)
    {
        CheckKey(key);
        Span<byte> k1 = stackalloc byte[BlockSize];
        Span<byte> k2 = stackalloc byte[BlockSize];
        Span<byte> k3 = stackalloc byte[BlockSize];
        IBlockCipher aes = CreateAes(key);
        EncryptConstant(aes, 0x01, k1);
        EncryptConstant(aes, 0x02, k2);
        EncryptConstant(aes, 0x03, k3);
        try
        {
            return new AesCbcMac(k1, k2, k3);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k1);
            CryptographicOperations.ZeroMemory(k2);
            CryptographicOperations.ZeroMemory(k3);
        }
    }

    /// <summary>AES-CMAC (RFC 4493 §2.3): K keys the CBC; K1 = dbl(E(K, 0)) and K2 = dbl(K1) end it.</summary>
    public static AesCbcMac CreateCmac(ReadOnlySpan<byte> key)
    {
        CheckKey(key);
        Span<byte> k1 = stackalloc byte[BlockSize];
        Span<byte> k2 = stackalloc byte[BlockSize];
        EncryptConstant(CreateAes(key), 0x00, k1);
        Double(k1);
        k1.CopyTo(k2);
        Double(k2);
        try
        {
            return new AesCbcMac(key, k1, k2);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k1);
            CryptographicOperations.ZeroMemory(k2);
        }
    }

    public override void Append(ReadOnlySpan<byte> data)
    {
        if (_pendingLength is > 0 and < BlockSize)
        {
            int take = Math.Min(BlockSize - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
        }

        if (data.IsEmpty)
        {
            return;
        }

        // The newest full block stays pending until more data arrives: only Finish knows whether it is the last.
        if (_pendingLength == BlockSize)
        {
            Absorb(_pending);
        }

        while (data.Length > BlockSize)
        {
            Absorb(data[..BlockSize]);
            data = data[BlockSize..];
        }

        data.CopyTo(_pending);
        _pendingLength = data.Length;
    }

    public override void Finish(Span<byte> output)
    {
        if (_pendingLength == BlockSize)
        {
            XorInto(_state, _completeBlockSubkey);
        }
        else
        {
            _pending[_pendingLength] = 0x80;
            _pending.AsSpan(_pendingLength + 1).Clear();
            XorInto(_state, _paddedBlockSubkey);
        }

        Absorb(_pending);
        int length = Math.Min(output.Length, BlockSize);
        _state.AsSpan(0, length).CopyTo(output);
        Reset();
    }

    /// <remarks>
    /// BouncyCastle keeps the AES key schedule in arrays it does not expose; re-keying with zeros replaces
    /// it, but a copy may remain until the collector reuses the memory.
    /// </remarks>
    protected override void Dispose(bool disposing)
    {
        Reset();
        CryptographicOperations.ZeroMemory(_completeBlockSubkey);
        CryptographicOperations.ZeroMemory(_paddedBlockSubkey);
        if (disposing)
        {
            _aes.Init(forEncryption: true, new KeyParameter(new byte[BlockSize]));
        }
    }

    /// <summary>One CBC step: state = E(state XOR block).</summary>
    private void Absorb(ReadOnlySpan<byte> block)
    {
        XorInto(_state, block);
        _aes.ProcessBlock(_state, _state);
    }

    private void Reset()
    {
        CryptographicOperations.ZeroMemory(_state);
        CryptographicOperations.ZeroMemory(_pending);
        _pendingLength = 0;
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != BlockSize)
        {
            throw new ArgumentException($"AES-128 MACs take a {BlockSize}-byte key, not {key.Length}.", nameof(key));
        }
    }

    private static IBlockCipher CreateAes(ReadOnlySpan<byte> key)
    {
        IBlockCipher aes = AesUtilities.CreateEngine();
        aes.Init(forEncryption: true, new KeyParameter(key));
        return aes;
    }

    private static void EncryptConstant(IBlockCipher aes, byte value, Span<byte> output)
    {
        output.Fill(value);
        aes.ProcessBlock(output, output);
    }

    /// <summary>Multiplication by x in GF(2^128) (RFC 4493 §2.3), without a branch on the secret top bit.</summary>
    private static void Double(Span<byte> block)
    {
        byte reduction = (byte)(-(block[0] >> 7) & 0x87);
        for (int i = 0; i < BlockSize - 1; i++)
        {
            block[i] = (byte)((block[i] << 1) | (block[i + 1] >> 7));
        }

        block[BlockSize - 1] = (byte)((block[BlockSize - 1] << 1) ^ reduction);
    }

    private static void XorInto(Span<byte> target, ReadOnlySpan<byte> source) =>
        (Vector128.Create<byte>(target) ^ Vector128.Create<byte>(source)).CopyTo(target);
}
