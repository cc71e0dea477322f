namespace IpsecTun.Crypto;

/// <summary>An integrity transform whose ICV is the leading <see cref="IntegrityAlgorithm.IcvSize"/> bytes of a MAC.</summary>
internal sealed class MacIntegrityAlgorithm : IntegrityAlgorithm
{
    private readonly Func<ReadOnlySpan<byte>, KeyedHash> _createMac;

    public MacIntegrityAlgorithm(
        IntegrityTransformId id, string name, int keySize, int icvSize, Func<ReadOnlySpan<byte>, KeyedHash> createMac)
        : base(id, name, keySize, icvSize)
    {
        _createMac = createMac;
    }

    protected override KeyedHash CreateMac(ReadOnlySpan<byte> key) => _createMac(key);
}
