using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>Hands out given bytes, so that a CBC IV in a known-answer test is the published one.</summary>
internal sealed class FixedRandomSource(byte[] bytes) : RandomSource
{
    public override void Fill(Span<byte> buffer) => bytes.AsSpan(0, buffer.Length).CopyTo(buffer);
}
