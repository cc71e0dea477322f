using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Encrypted and Authenticated Fragment payload SKF (RFC 7383 §2.5). Only fragment 1 names the
/// first inner payload; the others carry 0 in Next Payload.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Fragment Number        |        Total Fragments        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Initialization Vector                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                      Encrypted content                        ~
/// +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |               |             Padding (0-255 octets)            |
/// +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
/// |                                               |  Pad Length   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                    Integrity Checksum Data                    ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class EncryptedFragmentPayload : Payload
{
    /// <summary>Fragment Number and Total Fragments, which precede the IV.</summary>
    public const int FragmentFieldsSize = 4;

    public EncryptedFragmentPayload(PayloadType firstInnerPayload, ushort fragmentNumber, ushort totalFragments, ReadOnlyMemory<byte> content)
        : base(PayloadType.EncryptedFragment)
    {
        FirstInnerPayload = firstInnerPayload;
        FragmentNumber = fragmentNumber;
        TotalFragments = totalFragments;
        Content = content;
    }

    public PayloadType FirstInnerPayload { get; }

    public ushort FragmentNumber { get; }

    public ushort TotalFragments { get; }

    /// <summary>IV, ciphertext and ICV.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out EncryptedFragmentPayload? payload, out int consumed)
    {
        PayloadType first = data.IsEmpty ? PayloadType.None : (PayloadType)data[0];
        return PayloadHeader.TryParsePayload(data, body => ParseBody(first, body), out payload, out consumed);
    }

    public override int GetBodySize() => FragmentFieldsSize + Content.Length;

    public override void WriteBody(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, FragmentNumber);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], TotalFragments);
        Content.Span.CopyTo(destination[FragmentFieldsSize..]);
    }

    protected override PayloadType GetHeaderNextPayload(PayloadType chainNext) => FirstInnerPayload;

    private static EncryptedFragmentPayload? ParseBody(PayloadType first, ReadOnlySpan<byte> body)
    {
        if (body.Length <= FragmentFieldsSize)
        {
            return null;
        }

        // Fragments are numbered from 1 to Total Fragments (RFC 7383 §2.5).
        ushort number = BinaryPrimitives.ReadUInt16BigEndian(body);
        ushort total = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        return number == 0 || number > total ? null
            : new EncryptedFragmentPayload(number == 1 ? first : PayloadType.None, number, total, body[FragmentFieldsSize..].ToArray());
    }
}
