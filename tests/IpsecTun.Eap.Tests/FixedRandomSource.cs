using IpsecTun.Crypto;

namespace IpsecTun.Eap.Tests;

/// <summary>Fills every request with the same bytes, so an exchange can reproduce a published example.</summary>
internal sealed class FixedRandomSource(byte[] bytes) : RandomSource
{
    public override void Fill(Span<byte> buffer) => bytes.AsSpan(0, buffer.Length).CopyTo(buffer);
}
