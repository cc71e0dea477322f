using IpsecTun.Crypto;

namespace IpsecTun.Ike.Tests.Protection;

/// <summary>Passes through to a real cipher and counts decryptions, to show what ran.</summary>
internal sealed class CountingCipher(PacketCipher inner) : PacketCipher(inner.Algorithm)
{
    public int DecryptCalls { get; private set; }

    public override void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, Span<byte> icv) =>
        inner.Encrypt(iv, associatedData, data, icv);

    public override bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> associatedData, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        DecryptCalls++;
        return inner.TryDecrypt(iv, associatedData, data, icv);
    }

    protected override void Dispose(bool disposing) => inner.Dispose();
}
