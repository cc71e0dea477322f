using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Protection;

public sealed partial class SkProtection
{
    /// <summary>
    /// Builds the message as SKF fragments (RFC 7383 §2.5), none larger than
    /// <paramref name="maxMessageSize"/> bytes of IKE message (IP, UDP and the non-ESP marker not
    /// counted). A message that fits in one fragment still goes as SKF 1/1: the caller decides when
    /// to fragment (only after both peers sent IKEV2_FRAGMENTATION_SUPPORTED).
    /// </summary>
    public IReadOnlyList<byte[]> ProtectFragments(IkeHeader header, IReadOnlyList<Payload> inner, int maxMessageSize)
    {
        byte[] plaintext = new byte[PayloadChain.GetSize(inner)];
        PayloadChain.Write(inner, plaintext);
        int chunkSize = GetFragmentCapacity(maxMessageSize);
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessageSize), $"{maxMessageSize} bytes leave no room for content in a fragment.");
        }

        int total = Math.Max(1, (plaintext.Length + chunkSize - 1) / chunkSize);
        if (total > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessageSize), "The message needs more than 65535 fragments.");
        }

        var fragments = new byte[total][];
        for (int i = 0; i < total; i++)
        {
            int start = i * chunkSize;
            ReadOnlySpan<byte> chunk = plaintext.AsSpan(start, Math.Min(chunkSize, plaintext.Length - start));
            PayloadType first = i == 0 ? PayloadChain.FirstType(inner) : PayloadType.None;
            fragments[i] = Seal(header, PayloadType.EncryptedFragment, first, ((ushort)(i + 1), (ushort)total), chunk);
        }

        return fragments;
    }

    /// <summary>How many plaintext bytes one fragment of at most <paramref name="maxMessageSize"/> bytes carries.</summary>
    public int GetFragmentCapacity(int maxMessageSize)
    {
        int overhead = IkeHeader.Size + PayloadHeader.Size + EncryptedFragmentPayload.FragmentFieldsSize + IvSize + IcvSize;
        int room = Math.Min(maxMessageSize, Payload.MaxSize + IkeHeader.Size) - overhead;
        return (room / BlockSize * BlockSize) - 1;
    }
}
