namespace IpsecTun.Crypto;

/// <summary>A pseudorandom function transform (RFC 7296 §2.13).</summary>
public abstract class PrfAlgorithm
{
    protected PrfAlgorithm(PrfTransformId id, string name, int preferredKeySize, int outputSize)
    {
        Id = id;
        Name = name;
        PreferredKeySize = preferredKeySize;
        OutputSize = outputSize;
    }

    public PrfTransformId Id { get; }

    /// <summary>The name used in a profile's hash-algorithm (<c>sha256</c>).</summary>
    public string Name { get; }

    /// <summary>The key size the PRF is designed for: the size of SK_d, SK_pi and SK_pr (RFC 7296 §2.14).</summary>
    public int PreferredKeySize { get; }

    public int OutputSize { get; }

    /// <summary>Creates the PRF keyed with <paramref name="key"/> of any length, as RFC 7296 allows.</summary>
    public abstract KeyedHash Create(ReadOnlySpan<byte> key);

    public override string ToString() => Name;
}
