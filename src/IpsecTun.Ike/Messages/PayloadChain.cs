namespace IpsecTun.Ike.Messages;

/// <summary>
/// Reads and writes a chain of payloads linked by their Next Payload fields (RFC 7296 §3.2). Every
/// payload must lie inside the data, the chain must end exactly at its end, SK or SKF must be last and
/// never nested, and an unknown payload is skipped unless its critical bit asks for
/// UNSUPPORTED_CRITICAL_PAYLOAD (RFC 7296 §2.5).
/// </summary>
public static class PayloadChain
{
    /// <summary>
    /// More payloads than any legitimate message carries; a chain of tiny payloads beyond this is refused
    /// rather than allocated.
    /// </summary>
    public const int MaxPayloads = 128;

    /// <summary>
    /// Parses the chain that starts with a payload of type <paramref name="first"/>, appending to
    /// <paramref name="payloads"/>. <paramref name="insideEncrypted"/> is true for the decrypted content
    /// of SK or SKF, where neither may appear again.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, PayloadType first, bool insideEncrypted, List<Payload> payloads, out IkeError error)
    {
        error = default;
        PayloadType next = first;
        int offset = 0;
        int seen = 0;
        while (next != PayloadType.None)
        {
            ReadOnlySpan<byte> rest = data[offset..];
            if (++seen > MaxPayloads)
            {
                error = IkeError.Syntax("too many payloads");
                return false;
            }

            if (!PayloadHeader.TryParse(rest, out PayloadHeader header, out _))
            {
                error = IkeError.Syntax($"{next} payload length runs outside the message");
                return false;
            }

            PayloadType type = next;
            ReadOnlySpan<byte> payloadBytes = rest[..header.Length];
            offset += header.Length;
            next = header.NextPayload;
            if (type is PayloadType.Encrypted or PayloadType.EncryptedFragment)
            {
                // SK and SKF hold the rest of the message; their Next Payload names the first inner payload.
                if (insideEncrypted || offset != data.Length)
                {
                    error = IkeError.Syntax($"{type} payload nested or not last");
                    return false;
                }

                next = PayloadType.None;
            }
            else if (!IsSupported(type))
            {
                if (header.Critical)
                {
                    error = IkeError.UnsupportedCritical(type);
                    return false;
                }

                continue;
            }

            if (!TryParsePayload(type, payloadBytes, out Payload? payload))
            {
                error = IkeError.Syntax($"malformed {type} payload");
                return false;
            }

            payloads.Add(payload);
        }

        if (offset != data.Length)
        {
            error = IkeError.Syntax("data after the last payload");
            return false;
        }

        return true;
    }

    /// <summary>Dispatches to the payload type's own TryParse.</summary>
    public static bool TryParsePayload(PayloadType type, ReadOnlySpan<byte> data, [NotNullWhen(true)] out Payload? payload)
    {
        bool parsed;
        int consumed;
        switch (type)
        {
            case PayloadType.SecurityAssociation:
                parsed = SecurityAssociationPayload.TryParse(data, out SecurityAssociationPayload? sa, out consumed);
                payload = sa;
                break;
            case PayloadType.KeyExchange:
                parsed = KeyExchangePayload.TryParse(data, out KeyExchangePayload? ke, out consumed);
                payload = ke;
                break;
            case PayloadType.IdInitiator or PayloadType.IdResponder:
                parsed = IdentificationPayload.TryParse(type, data, out IdentificationPayload? id, out consumed);
                payload = id;
                break;
            case PayloadType.Certificate:
                parsed = CertificatePayload.TryParse(data, out CertificatePayload? cert, out consumed);
                payload = cert;
                break;
            case PayloadType.CertificateRequest:
                parsed = CertificateRequestPayload.TryParse(data, out CertificateRequestPayload? certreq, out consumed);
                payload = certreq;
                break;
            case PayloadType.Authentication:
                parsed = AuthenticationPayload.TryParse(data, out AuthenticationPayload? auth, out consumed);
                payload = auth;
                break;
            case PayloadType.Nonce:
                parsed = NoncePayload.TryParse(data, out NoncePayload? nonce, out consumed);
                payload = nonce;
                break;
            case PayloadType.Notify:
                parsed = NotifyPayload.TryParse(data, out NotifyPayload? notify, out consumed);
                payload = notify;
                break;
            case PayloadType.Delete:
                parsed = DeletePayload.TryParse(data, out DeletePayload? delete, out consumed);
                payload = delete;
                break;
            case PayloadType.VendorId:
                parsed = VendorIdPayload.TryParse(data, out VendorIdPayload? vendor, out consumed);
                payload = vendor;
                break;
            case PayloadType.TrafficSelectorInitiator or PayloadType.TrafficSelectorResponder:
                parsed = TrafficSelectorPayload.TryParse(type, data, out TrafficSelectorPayload? ts, out consumed);
                payload = ts;
                break;
            case PayloadType.Encrypted:
                parsed = EncryptedPayload.TryParse(data, out EncryptedPayload? sk, out consumed);
                payload = sk;
                break;
            case PayloadType.Configuration:
                parsed = ConfigurationPayload.TryParse(data, out ConfigurationPayload? cp, out consumed);
                payload = cp;
                break;
            case PayloadType.Eap:
                parsed = EapPayload.TryParse(data, out EapPayload? eap, out consumed);
                payload = eap;
                break;
            case PayloadType.EncryptedFragment:
                parsed = EncryptedFragmentPayload.TryParse(data, out EncryptedFragmentPayload? skf, out consumed);
                payload = skf;
                break;
            default:
                payload = null;
                return false;
        }

        return parsed && consumed == data.Length;
    }

    /// <summary>The payload types this codec reads; any other is unknown to it (RFC 7296 §2.5).</summary>
    public static bool IsSupported(PayloadType type) =>
        type is >= PayloadType.SecurityAssociation and <= PayloadType.Eap or PayloadType.EncryptedFragment;

    public static int GetSize(IReadOnlyList<Payload> payloads) => payloads.Sum(p => p.GetSize());

    /// <summary>Writes the payloads, each naming the next one's type; returns the bytes written.</summary>
    public static int Write(IReadOnlyList<Payload> payloads, Span<byte> destination)
    {
        int offset = 0;
        for (int i = 0; i < payloads.Count; i++)
        {
            PayloadType next = i + 1 < payloads.Count ? payloads[i + 1].Type : PayloadType.None;
            offset += payloads[i].WriteTo(destination[offset..], next);
        }

        return offset;
    }

    public static PayloadType FirstType(IReadOnlyList<Payload> payloads) => payloads.Count == 0 ? PayloadType.None : payloads[0].Type;
}
