namespace IpsecTun.Crypto.Tests;

/// <summary>A repeatable <see cref="RandomSource"/>, so a test can create the same private key twice.</summary>
internal sealed class SeededRandomSource(int seed) : RandomSource
{
    private readonly Random random = new(seed);

    public override void Fill(Span<byte> buffer) => random.NextBytes(buffer);
}
