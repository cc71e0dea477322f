using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>Hands out given bytes over and over, so that a CBC IV in a known-answer test is the published one.</summary>
internal sealed class FixedRandomSource(byte[] bytes) : RandomSource
{
    public override void Fill(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i += bytes.Length)
        {
            bytes.AsSpan(0, Math.Min(bytes.Length, buffer.Length - i)).CopyTo(buffer[i..]);
        }
    }
}
