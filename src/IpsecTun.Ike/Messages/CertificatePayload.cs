using System.Text;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Certificate payload (RFC 7296 §3.6). For the hash-and-URL encodings (12 and 13) the data is
/// a 20-byte SHA-1 hash followed by the URL, which <see cref="TryGetHashAndUrl"/> splits.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Cert Encoding |                                               |
/// +-+-+-+-+-+-+-+-+                                               |
/// ~                       Certificate Data                        ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class CertificatePayload : CertificateData
{
    public CertificatePayload(CertificateEncoding encoding, ReadOnlyMemory<byte> data)
        : base(PayloadType.Certificate, encoding, data)
    {
    }

    public bool IsHashAndUrl => Encoding is CertificateEncoding.HashAndUrlX509 or CertificateEncoding.HashAndUrlX509Bundle;

    public static CertificatePayload HashAndUrl(CertificateEncoding encoding, ReadOnlySpan<byte> sha1, string url)
    {
        if (sha1.Length != Sha1Size)
        {
            throw new ArgumentException("Hash-and-URL carries a SHA-1 hash.", nameof(sha1));
        }

        return new CertificatePayload(encoding, (byte[])[.. sha1, .. System.Text.Encoding.ASCII.GetBytes(url)]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out CertificatePayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public bool TryGetHashAndUrl(out ReadOnlyMemory<byte> sha1, [NotNullWhen(true)] out string? url)
    {
        sha1 = default;
        url = null;
        if (!IsHashAndUrl)
        {
            return false;
        }

        sha1 = Data[..Sha1Size];
        url = System.Text.Encoding.ASCII.GetString(Data.Span[Sha1Size..]);
        return true;
    }

    private static CertificatePayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length < 2)
        {
            return null;
        }

        var encoding = (CertificateEncoding)body[0];
        byte[] data = body[1..].ToArray();

        // Hash-and-URL: a SHA-1 hash and a non-empty printable URL (RFC 7296 §3.6).
        bool isHashAndUrl = encoding is CertificateEncoding.HashAndUrlX509 or CertificateEncoding.HashAndUrlX509Bundle;
        if (isHashAndUrl && (data.Length <= Sha1Size || !Ascii.IsValid(data.AsSpan(Sha1Size))))
        {
            return null;
        }

        return new CertificatePayload(encoding, data);
    }
}
