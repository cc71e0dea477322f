namespace IpsecTun.Ike.Messages;

/// <summary>
/// A proposal substructure of an SA payload (RFC 7296 §3.3.1).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Last Substruc |   RESERVED    |         Proposal Length       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        SPI (variable)                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        &lt;Transforms&gt;                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class Proposal
{
    private const byte MoreProposals = 2;
    private const int HeaderSize = 8;

    public Proposal(byte number, ProtocolId protocol, ReadOnlyMemory<byte> spi, IReadOnlyList<Transform> transforms)
    {
        Number = number;
        Protocol = protocol;
        Spi = spi;
        Transforms = transforms;
    }

    public byte Number { get; }

    public ProtocolId Protocol { get; }

    /// <summary>Empty in IKE_SA_INIT, 8 bytes when rekeying an IKE SA, 4 bytes for AH and ESP.</summary>
    public ReadOnlyMemory<byte> Spi { get; }

    public IReadOnlyList<Transform> Transforms { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, out Proposal? proposal, out bool isLast, out int consumed)
    {
        proposal = null;
        consumed = 0;
        if (!Substructure.TryReadHeader(data, MoreProposals, HeaderSize, out isLast, out int length))
        {
            return false;
        }

        int spiSize = data[6];
        int transformCount = data[7];
        if (length < HeaderSize + spiSize || spiSize is not (0 or 4 or 8) || transformCount == 0)
        {
            return false;
        }

        var transforms = new List<Transform>(transformCount);
        ReadOnlySpan<byte> rest = data[(HeaderSize + spiSize)..length];
        bool lastSeen = false;
        while (!rest.IsEmpty)
        {
            // The Last Substruc field and the count must agree, and transforms must fill the proposal exactly.
            if (lastSeen || !Transform.TryParse(rest, out Transform? transform, out lastSeen, out int used))
            {
                return false;
            }

            transforms.Add(transform!);
            rest = rest[used..];
        }

        if (!lastSeen || transforms.Count != transformCount)
        {
            return false;
        }

        proposal = new Proposal(data[4], (ProtocolId)data[5], data.Slice(HeaderSize, spiSize).ToArray(), transforms);
        consumed = length;
        return true;
    }

    public int GetSize() => HeaderSize + Spi.Length + Transforms.Sum(t => t.GetSize());

    public int WriteTo(Span<byte> destination, bool isLast)
    {
        int size = GetSize();
        Substructure.WriteHeader(destination, isLast, MoreProposals, size);
        destination[4] = Number;
        destination[5] = (byte)Protocol;
        destination[6] = checked((byte)Spi.Length);
        destination[7] = checked((byte)Transforms.Count);
        Spi.Span.CopyTo(destination[HeaderSize..]);
        int offset = HeaderSize + Spi.Length;
        for (int i = 0; i < Transforms.Count; i++)
        {
            offset += Transforms[i].WriteTo(destination[offset..], i == Transforms.Count - 1);
        }

        return size;
    }
}
