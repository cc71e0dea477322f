using System.Buffers.Binary;
using System.Security.Cryptography;
using IpsecTun.Crypto;

namespace IpsecTun.Benchmarks;

/// <summary>
/// One AEAD under measurement: a transform on one of our backends, or .NET's AesGcm/ChaCha20Poly1305 called
/// directly as the baseline. Holds an ESP-shaped packet: 8 bytes of associated data (SPI and sequence
/// number), an 8-byte IV that changes per packet, the payload and a 16-byte ICV.
/// </summary>
internal sealed class AeadSubject : IDisposable
{
    public const string LibCrypto = "libcrypto";
    public const string Managed = "managed";
    public const string Direct = ".NET direct";

    private readonly PacketCipher? cipher;
    private readonly AesGcm? directGcm;
    private readonly ChaCha20Poly1305? directChaCha;
    private readonly byte[] nonce = new byte[12];
    private ulong sequence;

    public AeadSubject(string algorithmName, string backend, int payloadSize)
    {
        if (!TransformRegistry.TryGetEncryption(algorithmName, out var algorithm))
        {
            throw new ArgumentException($"unknown transform {algorithmName}", nameof(algorithmName));
        }

        Payload = new byte[payloadSize];
        Icv = new byte[algorithm.IcvSize];
        RandomNumberGenerator.Fill(Payload);
        RandomNumberGenerator.Fill(Aad);
        byte[] keyMaterial = new byte[algorithm.KeyMaterialSize];
        RandomNumberGenerator.Fill(keyMaterial);
        keyMaterial.AsSpan(algorithm.KeySize).CopyTo(nonce);
        var key = keyMaterial.AsSpan(0, algorithm.KeySize);
        switch (backend)
        {
            case Direct when algorithm.Id == EncryptionTransformId.ChaCha20Poly1305:
                directChaCha = new ChaCha20Poly1305(key);
                break;
            case Direct:
                directGcm = new AesGcm(key, Icv.Length);
                break;
            default:
                cipher = algorithm.CreateCipher(keyMaterial, backend == LibCrypto ? CipherBackend.LibCrypto : CipherBackend.Managed);
                break;
        }
    }

    public byte[] Aad { get; } = new byte[8];

    public byte[] Iv { get; } = new byte[8];

    public byte[] Payload { get; }

    public byte[] Icv { get; }

    /// <summary>Seals <see cref="Payload"/> in place under the next IV, as ESP does for each outbound packet.</summary>
    public void Seal()
    {
        BinaryPrimitives.WriteUInt64BigEndian(Iv, ++sequence);
        if (cipher is not null)
        {
            cipher.Encrypt(Iv, Aad, Payload, Icv);
            return;
        }

        Iv.CopyTo(nonce, 4);
        if (directGcm is not null)
        {
            directGcm.Encrypt(nonce, Payload, Payload, Icv, Aad);
        }
        else
        {
            directChaCha!.Encrypt(nonce, Payload, Payload, Icv, Aad);
        }
    }

    /// <summary>Opens <paramref name="data"/> in place with the current IV and ICV.</summary>
    public bool Open(Span<byte> data)
    {
        if (cipher is not null)
        {
            return cipher.TryDecrypt(Iv, Aad, data, Icv);
        }

        Iv.CopyTo(nonce, 4);
        if (directGcm is not null)
        {
            directGcm.Decrypt(nonce, data, Icv, data, Aad);
        }
        else
        {
            directChaCha!.Decrypt(nonce, data, Icv, data, Aad);
        }

        return true;
    }

    public void Dispose()
    {
        cipher?.Dispose();
        directGcm?.Dispose();
        directChaCha?.Dispose();
    }
}
