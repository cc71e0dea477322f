namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Authentication Data of the Digital Signature method (RFC 7427 §3).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | ASN.1 Length  | AlgorithmIdentifier ASN.1 object              |
/// +-+-+-+-+-+-+-+-+                                               +
/// ~         AlgorithmIdentifier ASN.1 object continuing           ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Signature Value                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly record struct SignatureAuthData(SignatureAlgorithmIdentifier Algorithm, ReadOnlyMemory<byte> Signature)
{
    public static bool TryParse(ReadOnlySpan<byte> data, out SignatureAuthData result)
    {
        result = default;
        if (data.IsEmpty)
        {
            return false;
        }

        int asnLength = data[0];
        if (asnLength == 0 || 1 + asnLength >= data.Length
            || !SignatureAlgorithmIdentifier.TryParse(data.Slice(1, asnLength), out SignatureAlgorithmIdentifier? algorithm))
        {
            return false;
        }

        result = new SignatureAuthData(algorithm, data[(1 + asnLength)..].ToArray());
        return true;
    }

    public byte[] ToArray()
    {
        ReadOnlySpan<byte> der = Algorithm.Der;
        return [checked((byte)der.Length), .. der, .. Signature.Span];
    }
}
