namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Vendor ID payload (RFC 7296 §3.12).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                        Vendor ID (VID)                        ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class VendorIdPayload : Payload
{
    public VendorIdPayload(ReadOnlyMemory<byte> vendorId)
        : base(PayloadType.VendorId) => VendorId = vendorId;

    public ReadOnlyMemory<byte> VendorId { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out VendorIdPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => VendorId.Length;

    public override void WriteBody(Span<byte> destination) => VendorId.Span.CopyTo(destination);

    private static VendorIdPayload? ParseBody(ReadOnlySpan<byte> body) => body.IsEmpty ? null : new VendorIdPayload(body.ToArray());
}
