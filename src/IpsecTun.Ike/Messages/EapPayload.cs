using System.Buffers.Binary;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The EAP payload (RFC 7296 §3.16): one EAP message (RFC 3748 §4) whose own Length field must equal
/// the payload body.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Code      | Identifier    |           Length              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      | Type_Data...
/// +-+-+-+-+-+-+-+-++-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class EapPayload : Payload
{
    public const byte Request = 1;
    public const byte Response = 2;
    public const byte Success = 3;
    public const byte Failure = 4;
    private const int HeaderSize = 4;

    public EapPayload(ReadOnlyMemory<byte> message)
        : base(PayloadType.Eap) => Message = message;

    /// <summary>The whole EAP message, header included.</summary>
    public ReadOnlyMemory<byte> Message { get; }

    public byte Code => Message.Span[0];

    public byte Identifier => Message.Span[1];

    /// <summary>The method type of a request or response; 0 for success and failure.</summary>
    public byte EapType => Message.Length > HeaderSize ? Message.Span[HeaderSize] : (byte)0;

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out EapPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => Message.Length;

    public override void WriteBody(Span<byte> destination) => Message.Span.CopyTo(destination);

    private static EapPayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length < HeaderSize || BinaryPrimitives.ReadUInt16BigEndian(body[2..]) != body.Length)
        {
            return null;
        }

        // Requests and responses carry a type octet; success and failure are a bare header (RFC 3748 §4.2).
        bool shapeFits = body[0] switch
        {
            Request or Response => body.Length > HeaderSize,
            Success or Failure => body.Length == HeaderSize,
            _ => false,
        };
        return shapeFits ? new EapPayload(body.ToArray()) : null;
    }
}
