namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Traffic Selector payloads TSi and TSr (RFC 7296 §3.13).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Number of TSs |                 RESERVED                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                       &lt;Traffic Selectors&gt;                   ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class TrafficSelectorPayload : Payload
{
    private const int FixedSize = 4;

    public TrafficSelectorPayload(PayloadType type, IReadOnlyList<TrafficSelector> selectors)
        : base(type is PayloadType.TrafficSelectorInitiator or PayloadType.TrafficSelectorResponder ? type : throw new ArgumentOutOfRangeException(nameof(type)))
    {
        Selectors = selectors;
    }

    public IReadOnlyList<TrafficSelector> Selectors { get; }

    /// <summary>Parses TSi or TSr; which one is known only from the previous payload's Next Payload field.</summary>
    public static bool TryParse(PayloadType type, ReadOnlySpan<byte> data, [NotNullWhen(true)] out TrafficSelectorPayload? payload, out int consumed)
    {
        if (type is not (PayloadType.TrafficSelectorInitiator or PayloadType.TrafficSelectorResponder))
        {
            payload = null;
            consumed = 0;
            return false;
        }

        return PayloadHeader.TryParsePayload(data, body => ParseBody(type, body), out payload, out consumed);
    }

    public override int GetBodySize() => FixedSize + Selectors.Sum(s => s.GetSize());

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = checked((byte)Selectors.Count);
        destination[1..FixedSize].Clear();
        int offset = FixedSize;
        foreach (TrafficSelector selector in Selectors)
        {
            offset += selector.WriteTo(destination[offset..]);
        }
    }

    private static TrafficSelectorPayload? ParseBody(PayloadType type, ReadOnlySpan<byte> body)
    {
        if (body.Length < FixedSize || body[0] == 0)
        {
            return null;
        }

        int count = body[0];
        var selectors = new List<TrafficSelector>(count);
        ReadOnlySpan<byte> rest = body[FixedSize..];
        while (!rest.IsEmpty)
        {
            if (selectors.Count == count || !TrafficSelector.TryParse(rest, out TrafficSelector? selector, out int used))
            {
                return null;
            }

            selectors.Add(selector);
            rest = rest[used..];
        }

        return selectors.Count == count ? new TrafficSelectorPayload(type, selectors) : null;
    }
}
