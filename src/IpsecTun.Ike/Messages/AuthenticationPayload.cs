namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Authentication payload (RFC 7296 §3.8). With <see cref="AuthMethod.DigitalSignature"/> the data
/// starts with an ASN.1 AlgorithmIdentifier (RFC 7427 §3), read by <see cref="SignatureAuthData"/>.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Auth Method   |                RESERVED                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                      Authentication Data                      ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class AuthenticationPayload : Payload
{
    private const int FixedSize = 4;

    public AuthenticationPayload(AuthMethod method, ReadOnlyMemory<byte> data)
        : base(PayloadType.Authentication)
    {
        Method = method;
        Data = data;
    }

    public AuthMethod Method { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public static AuthenticationPayload DigitalSignature(SignatureAuthData signature) =>
        new(AuthMethod.DigitalSignature, signature.ToArray());

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out AuthenticationPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => FixedSize + Data.Length;

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = (byte)Method;
        destination[1..FixedSize].Clear();
        Data.Span.CopyTo(destination[FixedSize..]);
    }

    private static AuthenticationPayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length <= FixedSize)
        {
            return null;
        }

        var method = (AuthMethod)body[0];
        ReadOnlySpan<byte> data = body[FixedSize..];
        return method != AuthMethod.DigitalSignature || SignatureAuthData.TryParse(data, out _)
            ? new AuthenticationPayload(method, data.ToArray())
            : null;
    }
}
