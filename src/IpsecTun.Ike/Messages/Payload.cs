namespace IpsecTun.Ike.Messages;

/// <summary>
/// One IKEv2 payload. A payload knows its body; the generic header (RFC 7296 §3.2) and the chain's
/// Next Payload field are written by <see cref="WriteTo"/>.
/// </summary>
public abstract class Payload
{
    /// <summary>The largest payload the 16-bit Payload Length can describe.</summary>
    public const int MaxSize = ushort.MaxValue;

    protected Payload(PayloadType type) => Type = type;

    public PayloadType Type { get; }

    /// <summary>The critical bit as received or to send; RFC 7296 §2.5 defines its meaning for unknown types only.</summary>
    public bool Critical { get; set; }

    /// <summary>Size of the whole payload, generic header included.</summary>
    public int GetSize() => PayloadHeader.Size + GetBodySize();

    /// <summary>Writes the payload with <paramref name="nextPayload"/> in its header; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination, PayloadType nextPayload)
    {
        int size = GetSize();
        if (size > MaxSize)
        {
            throw new InvalidOperationException($"A {Type} payload of {size} bytes exceeds the 16-bit payload length.");
        }

        new PayloadHeader(GetHeaderNextPayload(nextPayload), Critical, (ushort)size).WriteTo(destination);
        WriteBody(destination[PayloadHeader.Size..size]);
        return size;
    }

    public abstract int GetBodySize();

    /// <summary>Writes exactly <see cref="GetBodySize"/> bytes.</summary>
    public abstract void WriteBody(Span<byte> destination);

    /// <summary>The value of the Next Payload field; SK and SKF put the first inner payload's type there instead.</summary>
    protected virtual PayloadType GetHeaderNextPayload(PayloadType chainNext) => chainNext;
}
