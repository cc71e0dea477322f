namespace IpsecTun.Crypto;

/// <summary>A PRF transform backed by a MAC that accepts the keys RFC 7296 hands it.</summary>
internal sealed class MacPrfAlgorithm : PrfAlgorithm
{
    private readonly Func<ReadOnlySpan<byte>, KeyedHash> _create;

    public MacPrfAlgorithm(
        PrfTransformId id, string name, int preferredKeySize, int outputSize, Func<ReadOnlySpan<byte>, KeyedHash> create)
        : base(id, name, preferredKeySize, outputSize)
    {
        _create = create;
    }

    public override KeyedHash Create(ReadOnlySpan<byte> key) => _create(key);
}
