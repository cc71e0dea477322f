namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Certificate Request payload (RFC 7296 §3.7). For X.509 the Certification Authority field is a
/// concatenation of SHA-1 hashes of trusted CAs' public keys, which <see cref="AuthorityHashes"/> splits.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Cert Encoding |                                               |
/// +-+-+-+-+-+-+-+-+                                               |
/// ~                    Certification Authority                    ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class CertificateRequestPayload : CertificateData
{
    public CertificateRequestPayload(CertificateEncoding encoding, ReadOnlyMemory<byte> authorities)
        : base(PayloadType.CertificateRequest, encoding, authorities)
    {
    }

    /// <summary>The SHA-1 public-key hashes of an X.509 request (encodings 4, 12 and 13).</summary>
    public IEnumerable<ReadOnlyMemory<byte>> AuthorityHashes
    {
        get
        {
            for (int offset = 0; offset + Sha1Size <= Data.Length; offset += Sha1Size)
            {
                yield return Data.Slice(offset, Sha1Size);
            }
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out CertificateRequestPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    private static CertificateRequestPayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        // An empty CA list is allowed (RFC 7296 §3.7 lets a peer ask for any certificate); X.509 lists are whole hashes.
        var encoding = (CertificateEncoding)body[0];
        byte[] authorities = body[1..].ToArray();
        bool isX509 = encoding is CertificateEncoding.X509Signature or CertificateEncoding.HashAndUrlX509 or CertificateEncoding.HashAndUrlX509Bundle;
        return isX509 && authorities.Length % Sha1Size != 0 ? null : new CertificateRequestPayload(encoding, authorities);
    }
}
