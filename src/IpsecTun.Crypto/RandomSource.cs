using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// Where nonces, IVs, SPIs and private keys come from. Protocol code takes one as a parameter so that a
/// test can make a whole exchange deterministic; <see cref="System"/> is the operating system's CSPRNG.
/// </summary>
public abstract class RandomSource
{
    public static RandomSource System { get; } = new SystemRandomSource();

    public abstract void Fill(Span<byte> buffer);

    private sealed class SystemRandomSource : RandomSource
    {
        public override void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
