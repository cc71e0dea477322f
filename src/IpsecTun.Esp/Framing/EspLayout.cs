using System.Buffers.Binary;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

/// <summary>
/// The ESP packet format (RFC 4303 §2):
/// <code>
/// | Security Parameters Index (SPI)                               |
/// | Sequence Number (low 32 bits)                                 |
/// | IV (explicit, per transform) | Payload Data ...               |
/// | ... Padding (1, 2, 3, ...)   | Pad Length    | Next Header    |
/// | Integrity Check Value (ICV) ...                               |
/// </code>
/// </summary>
internal static class EspLayout
{
    public const int HeaderLength = 8;
    public const int TrailerLength = 2;

    /// <summary>Payload, padding and trailer are aligned to the cipher block, and ESP needs at least 4 (§2.4).</summary>
    public static int Alignment(EncryptionAlgorithm encryption) => Math.Max(encryption.BlockSize, 4);

    public static int PadLength(int payloadLength, int alignment) => (alignment - ((payloadLength + TrailerLength) % alignment)) % alignment;

    /// <summary>
    /// Counter-based transforms (GCM, CCM, ChaCha20-Poly1305, CTR) need an IV that never repeats under a key,
    /// which the 64-bit sequence number is (RFC 4106 §3.1); CBC needs an unpredictable one (RFC 3602 §2.3).
    /// </summary>
    public static bool UsesSequenceAsIv(EncryptionAlgorithm encryption) =>
        encryption.IvSize == sizeof(ulong)
        && (encryption.IsAead || encryption.Id is EncryptionTransformId.AesCtr or EncryptionTransformId.CamelliaCtr);

    /// <summary>
    /// The AEAD associated data (RFC 4106 §5): SPI and 32-bit sequence number, or with ESN the SPI, the high
    /// 32 bits and the low 32 bits. Returns its length.
    /// </summary>
    public static int WriteAssociatedData(Span<byte> aad, uint spi, ulong sequence, bool extended)
    {
        BinaryPrimitives.WriteUInt32BigEndian(aad, spi);
        if (!extended)
        {
            BinaryPrimitives.WriteUInt32BigEndian(aad[4..], (uint)sequence);
            return 8;
        }

        BinaryPrimitives.WriteUInt64BigEndian(aad[4..], sequence);
        return 12;
    }
}
