namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Encrypted and Authenticated payload SK (RFC 7296 §3.14) as it travels: IV, ciphertext and ICV
/// in <see cref="Content"/>, the type of the first inner payload in its Next Payload field. It is the
/// last payload of a message; <c>Protection.SkProtection</c> opens and builds it.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Initialization Vector                     |
/// |         (length is block size for encryption algorithm)       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                    Encrypted IKE Payloads                     ~
/// +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |               |             Padding (0-255 octets)            |
/// +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
/// |                                               |  Pad Length   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                    Integrity Checksum Data                    ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class EncryptedPayload : Payload
{
    public EncryptedPayload(PayloadType firstInnerPayload, ReadOnlyMemory<byte> content)
        : base(PayloadType.Encrypted)
    {
        FirstInnerPayload = firstInnerPayload;
        Content = content;
    }

    public PayloadType FirstInnerPayload { get; }

    /// <summary>IV, ciphertext and ICV.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out EncryptedPayload? payload, out int consumed)
    {
        PayloadType first = data.IsEmpty ? PayloadType.None : (PayloadType)data[0];
        return PayloadHeader.TryParsePayload(data, body => body.IsEmpty ? null : new EncryptedPayload(first, body.ToArray()), out payload, out consumed);
    }

    public override int GetBodySize() => Content.Length;

    public override void WriteBody(Span<byte> destination) => Content.Span.CopyTo(destination);

    protected override PayloadType GetHeaderNextPayload(PayloadType chainNext) => FirstInnerPayload;
}
