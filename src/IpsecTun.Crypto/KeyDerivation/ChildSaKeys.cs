namespace IpsecTun.Crypto;

/// <summary>
/// The keys of one ESP Child SA pair (RFC 7296 §2.17): KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), taken
/// as encryption key then integrity key for the initiator-to-responder SA, then the same for the
/// responder-to-initiator SA. Disposing zeroes them.
/// </summary>
public sealed class ChildSaKeys : DerivedKeys
{
    private readonly int _encryptionKeySize;
    private readonly int _integrityKeySize;

    private ChildSaKeys(int encryptionKeySize, int integrityKeySize)
        : base(2 * (encryptionKeySize + integrityKeySize))
    {
        _encryptionKeySize = encryptionKeySize;
        _integrityKeySize = integrityKeySize;
    }

    /// <summary>Encryption key (then salt) of the SA carrying traffic from initiator to responder.</summary>
    public ReadOnlySpan<byte> EncryptionKeyInitiatorToResponder => Slice(0, _encryptionKeySize);

    /// <summary>Integrity key of the SA carrying traffic from initiator to responder; empty with an AEAD.</summary>
    public ReadOnlySpan<byte> IntegrityKeyInitiatorToResponder => Slice(_encryptionKeySize, _integrityKeySize);

    /// <summary>Encryption key (then salt) of the SA carrying traffic from responder to initiator.</summary>
    public ReadOnlySpan<byte> EncryptionKeyResponderToInitiator => Slice(_encryptionKeySize + _integrityKeySize, _encryptionKeySize);

    /// <summary>Integrity key of the SA carrying traffic from responder to initiator; empty with an AEAD.</summary>
    public ReadOnlySpan<byte> IntegrityKeyResponderToInitiator => Slice((2 * _encryptionKeySize) + _integrityKeySize, _integrityKeySize);

    /// <summary>
    /// Derives a Child SA's keys. <paramref name="newSharedSecret"/> is g^ir of the CREATE_CHILD_SA's own
    /// key exchange (PFS), or empty; <paramref name="ni"/> and <paramref name="nr"/> are the nonces of the
    /// exchange that creates the Child SA. <paramref name="encryptionKeyMaterialSize"/> counts key and salt;
    /// <paramref name="integrityKeySize"/> is 0 with an AEAD.
    /// </summary>
    public static ChildSaKeys Derive(
        PrfAlgorithm prf, ReadOnlySpan<byte> skD, ReadOnlySpan<byte> newSharedSecret, ReadOnlySpan<byte> ni, ReadOnlySpan<byte> nr,
        int encryptionKeyMaterialSize, int integrityKeySize)
    {
        ArgumentNullException.ThrowIfNull(prf);
        ArgumentOutOfRangeException.ThrowIfNegative(encryptionKeyMaterialSize);
        ArgumentOutOfRangeException.ThrowIfNegative(integrityKeySize);

        var keys = new ChildSaKeys(encryptionKeyMaterialSize, integrityKeySize);
        keys.Expand(prf, skD, newSharedSecret, ni, nr);
        return keys;
    }
}
