namespace IpsecTun.Crypto;

/// <summary>
/// AES-CTR and Camellia-CTR on libcrypto. libcrypto counts over all 128 bits of the counter block, which
/// matches RFC 3686's 32-bit block counter for anything shorter than 2^32 blocks, far beyond a packet.
/// </summary>
internal sealed class LibCryptoCtrCipher : CounterModeCipher
{
    private readonly EvpCipherContext context;

    public LibCryptoCtrCipher(EncryptionAlgorithm algorithm, nint cipher, ReadOnlySpan<byte> keyMaterial)
        : base(algorithm, keyMaterial) =>
        context = EvpCipherContext.Create(cipher, keyMaterial[..algorithm.KeySize], encrypt: true);

    protected override bool ApplyKeyStream(ReadOnlySpan<byte> counterBlock, Span<byte> data) =>
        context.SetIv(counterBlock) && context.Update(data);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            context.Dispose();
        }

        base.Dispose(disposing);
    }
}
