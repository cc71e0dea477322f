namespace IpsecTun.Ike.Messages;

/// <summary>
/// What CERT and CERTREQ share: an encoding octet then data (RFC 7296 §3.6, §3.7).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Cert Encoding |                                               |
/// +-+-+-+-+-+-+-+-+                                               |
/// ~                 Certificate Data / Certification Authority    ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public abstract class CertificateData : Payload
{
    /// <summary>Size of a SHA-1 hash: of a certificate in hash-and-URL, of a public key in a CERTREQ.</summary>
    public const int Sha1Size = 20;

    protected CertificateData(PayloadType type, CertificateEncoding encoding, ReadOnlyMemory<byte> data)
        : base(type)
    {
        Encoding = encoding;
        Data = data;
    }

    public CertificateEncoding Encoding { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public override int GetBodySize() => 1 + Data.Length;

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = (byte)Encoding;
        Data.Span.CopyTo(destination[1..]);
    }
}
