using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// The seven keys of an IKE SA (RFC 7296 §2.14): {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}
/// = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr). Disposing zeroes them.
/// </summary>
public sealed class IkeSaKeys : DerivedKeys
{
    /// <summary>IKE SPIs are eight octets (RFC 7296 §3.1).</summary>
    public const int SpiSize = 8;

    private readonly int _prfKeySize;
    private readonly int _integrityKeySize;
    private readonly int _encryptionKeySize;

    private IkeSaKeys(int prfKeySize, int integrityKeySize, int encryptionKeySize)
        : base((3 * prfKeySize) + (2 * integrityKeySize) + (2 * encryptionKeySize))
    {
        _prfKeySize = prfKeySize;
        _integrityKeySize = integrityKeySize;
        _encryptionKeySize = encryptionKeySize;
    }

    /// <summary>Key for deriving Child SA keys and the next SKEYSEED; <see cref="PrfAlgorithm.PreferredKeySize"/> bytes.</summary>
    public ReadOnlySpan<byte> SkD => Slice(0, _prfKeySize);

    /// <summary>Integrity key of the initiator's messages; empty with an AEAD.</summary>
    public ReadOnlySpan<byte> SkAi => Slice(_prfKeySize, _integrityKeySize);

    /// <summary>Integrity key of the responder's messages; empty with an AEAD.</summary>
    public ReadOnlySpan<byte> SkAr => Slice(_prfKeySize + _integrityKeySize, _integrityKeySize);

    /// <summary>Encryption key (then salt) of the initiator's messages.</summary>
    public ReadOnlySpan<byte> SkEi => Slice(_prfKeySize + (2 * _integrityKeySize), _encryptionKeySize);

    /// <summary>Encryption key (then salt) of the responder's messages.</summary>
    public ReadOnlySpan<byte> SkEr => Slice(_prfKeySize + (2 * _integrityKeySize) + _encryptionKeySize, _encryptionKeySize);

    /// <summary>Key for the initiator's AUTH payload.</summary>
    public ReadOnlySpan<byte> SkPi => Slice(Length - (2 * _prfKeySize), _prfKeySize);

    /// <summary>Key for the responder's AUTH payload.</summary>
    public ReadOnlySpan<byte> SkPr => Slice(Length - _prfKeySize, _prfKeySize);

    /// <summary>
    /// Derives the keys of a new IKE SA from the IKE_SA_INIT exchange: SKEYSEED = prf(Ni | Nr, g^ir), then
    /// the split of prf+. <paramref name="integrityKeySize"/> is 0 with an AEAD;
    /// <paramref name="encryptionKeyMaterialSize"/> counts key and salt.
    /// </summary>
    public static IkeSaKeys Derive(
        PrfAlgorithm prf, ReadOnlySpan<byte> ni, ReadOnlySpan<byte> nr, ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> spiI, ReadOnlySpan<byte> spiR, int integrityKeySize, int encryptionKeyMaterialSize)
    {
        ArgumentNullException.ThrowIfNull(prf);
        Span<byte> skeyseed = stackalloc byte[prf.OutputSize];
        try
        {
            Skeyseed.Compute(prf, ni, nr, sharedSecret, skeyseed);
            return Expand(prf, skeyseed, ni, nr, spiI, spiR, integrityKeySize, encryptionKeyMaterialSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(skeyseed);
        }
    }

    /// <summary>
    /// Derives the keys of the IKE SA that replaces <paramref name="oldSkD"/>'s SA (RFC 7296 §2.18): SKEYSEED
    /// comes from the old SA's PRF, the split from the new SA's PRF and the new exchange's nonces and SPIs.
    /// </summary>
    public static IkeSaKeys DeriveRekeyed(
        PrfAlgorithm oldPrf, ReadOnlySpan<byte> oldSkD, PrfAlgorithm prf, ReadOnlySpan<byte> newSharedSecret,
        ReadOnlySpan<byte> ni, ReadOnlySpan<byte> nr, ReadOnlySpan<byte> spiI, ReadOnlySpan<byte> spiR,
        int integrityKeySize, int encryptionKeyMaterialSize)
    {
        ArgumentNullException.ThrowIfNull(oldPrf);
        ArgumentNullException.ThrowIfNull(prf);
        Span<byte> skeyseed = stackalloc byte[oldPrf.OutputSize];
        try
        {
            Skeyseed.ComputeRekeyed(oldPrf, oldSkD, newSharedSecret, ni, nr, skeyseed);
            return Expand(prf, skeyseed, ni, nr, spiI, spiR, integrityKeySize, encryptionKeyMaterialSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(skeyseed);
        }
    }

    /// <summary>The split of prf+(SKEYSEED, Ni | Nr | SPIi | SPIr), for a SKEYSEED computed elsewhere.</summary>
    public static IkeSaKeys Expand(
        PrfAlgorithm prf, ReadOnlySpan<byte> skeyseed, ReadOnlySpan<byte> ni, ReadOnlySpan<byte> nr,
        ReadOnlySpan<byte> spiI, ReadOnlySpan<byte> spiR, int integrityKeySize, int encryptionKeyMaterialSize)
    {
        ArgumentNullException.ThrowIfNull(prf);
        ArgumentOutOfRangeException.ThrowIfNegative(integrityKeySize);
        ArgumentOutOfRangeException.ThrowIfNegative(encryptionKeyMaterialSize);
        if (spiI.Length != SpiSize || spiR.Length != SpiSize)
        {
            throw new ArgumentException($"IKE SPIs are {SpiSize} bytes each.", spiI.Length != SpiSize ? nameof(spiI) : nameof(spiR));
        }

        var keys = new IkeSaKeys(prf.PreferredKeySize, integrityKeySize, encryptionKeyMaterialSize);
        keys.Expand(prf, skeyseed, ni, nr, spiI, spiR);
        return keys;
    }
}
