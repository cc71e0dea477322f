using System.Security.Cryptography;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Tests.Protection;

/// <summary>
/// AES-CBC and AES-GCM-16 (RFC 3602, RFC 5282) over System.Security.Cryptography, standing in for the
/// project's own transforms in SK tests; <see cref="DecryptCalls"/> lets a test see whether decryption ran.
/// </summary>
internal static class TestCiphers
{
    public static int DecryptCalls { get; private set; }

    public static EncryptionAlgorithm AesCbc128 { get; } = new Cbc();

    public static EncryptionAlgorithm AesGcm16_128 { get; } = new Gcm();

    private sealed class Cbc() : EncryptionAlgorithm(EncryptionTransformId.AesCbc, "aes-128-cbc", 16, 0, 16, 16, 0, true)
    {
        protected override PacketCipher CreateCipherCore(ReadOnlySpan<byte> keyMaterial) => new CbcCipher(this, keyMaterial);
    }

    private sealed class CbcCipher : PacketCipher
    {
        private readonly Aes _aes = Aes.Create();

        public CbcCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> key)
            : base(algorithm) => _aes.Key = key.ToArray();

        public override void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv) =>
            _aes.EncryptCbc(data.ToArray(), iv, data, PaddingMode.None);

        public override bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
        {
            DecryptCalls++;
            return data.Length % 16 == 0 && _aes.DecryptCbc(data.ToArray(), iv, data, PaddingMode.None) == data.Length;
        }

        protected override void Dispose(bool disposing) => _aes.Dispose();
    }

    private sealed class Gcm() : EncryptionAlgorithm(EncryptionTransformId.AesGcm16, "aes-128-gcm", 16, 4, 8, 1, 16, true)
    {
        protected override PacketCipher CreateCipherCore(ReadOnlySpan<byte> keyMaterial) => new GcmCipher(this, keyMaterial);
    }

    private sealed class GcmCipher : PacketCipher
    {
        private readonly AesGcm _gcm;
        private readonly byte[] _salt;

        public GcmCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> keyMaterial)
            : base(algorithm)
        {
            _gcm = new AesGcm(keyMaterial[..16], 16);
            _salt = keyMaterial[16..].ToArray();
        }

        public override void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv) =>
            _gcm.Encrypt([.. _salt, .. iv], data.ToArray(), data, icv, associatedData);

        public override bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
        {
            DecryptCalls++;
            try
            {
                _gcm.Decrypt([.. _salt, .. iv], data.ToArray(), icv, data, associatedData);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        protected override void Dispose(bool disposing) => _gcm.Dispose();
    }
}
