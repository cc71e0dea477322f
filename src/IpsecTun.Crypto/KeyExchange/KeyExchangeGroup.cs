namespace IpsecTun.Crypto;

/// <summary>A key exchange method: a Diffie-Hellman group over a MODP prime or an elliptic curve.</summary>
public abstract class KeyExchangeGroup
{
    protected KeyExchangeGroup(KeyExchangeGroupId id, string name, int publicValueSize, int sharedSecretSize)
    {
        Id = id;
        Name = name;
        PublicValueSize = publicValueSize;
        SharedSecretSize = sharedSecretSize;
    }

    public KeyExchangeGroupId Id { get; }

    /// <summary>The name used in a profile's dh-group and a proposal's pfs-group (<c>modp2048</c>).</summary>
    public string Name { get; }

    /// <summary>Size of the key exchange data in a KE payload (RFC 7296 §3.4 and the group's RFC).</summary>
    public int PublicValueSize { get; }

    /// <summary>Size of g^ir as it enters SKEYSEED.</summary>
    public int SharedSecretSize { get; }

    /// <summary>Generates a fresh private key from <paramref name="random"/>.</summary>
    public abstract KeyExchange Create(RandomSource random);

    /// <summary>Uses a given private key, in the group's own encoding; for known-answer tests.</summary>
    public abstract KeyExchange CreateFromPrivateKey(ReadOnlySpan<byte> privateKey);

    public override string ToString() => Name;
}
