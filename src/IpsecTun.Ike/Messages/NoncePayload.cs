namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Nonce payload Ni/Nr (RFC 7296 §3.9): 16 to 256 octets of random data.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                            Nonce Data                         ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class NoncePayload : Payload
{
    public const int MinNonceSize = 16;
    public const int MaxNonceSize = 256;

    public NoncePayload(ReadOnlyMemory<byte> data)
        : base(PayloadType.Nonce) => Data = data;

    public ReadOnlyMemory<byte> Data { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out NoncePayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => Data.Length;

    public override void WriteBody(Span<byte> destination) => Data.Span.CopyTo(destination);

    private static NoncePayload? ParseBody(ReadOnlySpan<byte> body) =>
        body.Length is >= MinNonceSize and <= MaxNonceSize ? new NoncePayload(body.ToArray()) : null;
}
