namespace IpsecTun.Crypto;

/// <summary>An integrity transform: a MAC truncated to <see cref="IcvSize"/> bytes.</summary>
public abstract class IntegrityAlgorithm
{
    protected IntegrityAlgorithm(IntegrityTransformId id, string name, int keySize, int icvSize)
    {
        Id = id;
        Name = name;
        KeySize = keySize;
        IcvSize = icvSize;
    }

    public IntegrityTransformId Id { get; }

    /// <summary>The name used in a proposal's auth-algorithms (<c>sha256</c>).</summary>
    public string Name { get; }

    public int KeySize { get; }

    public int IcvSize { get; }

    public PacketAuthenticator CreateAuthenticator(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"{Name} takes a {KeySize}-byte key, not {key.Length}.", nameof(key));
        }

        return new PacketAuthenticator(this, CreateMac(key));
    }

    /// <summary>Creates the untruncated MAC under <paramref name="key"/>.</summary>
    protected abstract KeyedHash CreateMac(ReadOnlySpan<byte> key);

    public override string ToString() => Name;
}
