using System.Security.Cryptography;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// The message side of a RADIUS client carrying EAP (RFC 2865, RFC 3579): builds Access-Requests with the
/// EAP packet split over EAP-Message attributes and signed with a Message-Authenticator, and accepts a
/// response only if its identifier, code, Response Authenticator and Message-Authenticator all check out.
/// Sending, retransmission and server failover belong to the caller. Disposing zeroes the shared secret.
/// </summary>
public sealed class RadiusClientCodec : IDisposable
{
    private readonly byte[] _secret;

    public RadiusClientCodec(ReadOnlySpan<byte> sharedSecret)
    {
        if (sharedSecret.IsEmpty)
        {
            throw new ArgumentException("The RADIUS shared secret must not be empty.", nameof(sharedSecret));
        }

        _secret = sharedSecret.ToArray();
    }

    /// <summary>
    /// Encodes an Access-Request with <paramref name="attributes"/> (User-Name, State, NAS attributes ...),
    /// then <paramref name="eap"/> in EAP-Message attributes of at most 253 bytes, then the Message-Authenticator.
    /// <paramref name="requestAuthenticator"/> is 16 unpredictable bytes, fresh for each request.
    /// </summary>
    public byte[] EncodeAccessRequest(byte identifier, ReadOnlySpan<byte> requestAuthenticator, IEnumerable<RadiusAttribute> attributes, EapPacket eap)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(eap);
        var all = new List<RadiusAttribute>(attributes);
        byte[] eapBytes = eap.ToArray();
        for (int offset = 0; offset < eapBytes.Length; offset += RadiusAttribute.MaxValueLength)
        {
            int length = Math.Min(RadiusAttribute.MaxValueLength, eapBytes.Length - offset);
            all.Add(new RadiusAttribute(RadiusAttributeType.EapMessage, eapBytes.AsSpan(offset, length)));
        }

        all.Add(new RadiusAttribute(RadiusAttributeType.MessageAuthenticator, new byte[RadiusAuthenticators.MessageAuthenticatorLength]));
        byte[] packet = new RadiusPacket(RadiusCode.AccessRequest, identifier, requestAuthenticator, all).ToArray();
        RadiusAuthenticators.MessageAuthenticator(packet, _secret)
            .CopyTo(packet.AsSpan(packet.Length - RadiusAuthenticators.MessageAuthenticatorLength));
        return packet;
    }

    /// <summary>
    /// Checks a datagram that claims to answer the Access-Request with <paramref name="identifier"/> and
    /// <paramref name="requestAuthenticator"/>. Never throws; <paramref name="reason"/> says why it was refused.
    /// </summary>
    public bool TryAcceptResponse(
        ReadOnlySpan<byte> datagram, byte identifier, ReadOnlySpan<byte> requestAuthenticator, out RadiusPacket? response, out string? reason) =>
        TryVerify(datagram, RadiusCode.AccessRequest, identifier, requestAuthenticator, out response, out reason);

    /// <summary>
    /// Encodes an Accounting-Request (RFC 2866 §3), whose Request Authenticator is
    /// MD5(Code | Identifier | Length | 16 zero bytes | attributes | secret).
    /// </summary>
    public byte[] EncodeAccountingRequest(byte identifier, IReadOnlyList<RadiusAttribute> attributes)
    {
        byte[] packet = new RadiusPacket(RadiusCode.AccountingRequest, identifier, new byte[RadiusPacket.AuthenticatorLength], attributes).ToArray();
        RadiusAuthenticators.ResponseAuthenticator(packet, _secret).CopyTo(packet, 4);
        return packet;
    }

    /// <summary>Checks that <paramref name="datagram"/> is the server's Accounting-Response to <paramref name="request"/>.</summary>
    public bool TryAcceptAccountingResponse(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> request, out string? reason)
    {
        if (request.Length < RadiusPacket.HeaderLength)
        {
            throw new ArgumentException("Not an encoded RADIUS request.", nameof(request));
        }

        return TryVerify(datagram, RadiusCode.AccountingRequest, request[1], request.Slice(4, RadiusPacket.AuthenticatorLength), out _, out reason);
    }

    private bool TryVerify(
        ReadOnlySpan<byte> datagram, RadiusCode requestCode, byte identifier, ReadOnlySpan<byte> requestAuthenticator,
        out RadiusPacket? response, out string? reason)
    {
        response = null;
        if (!RadiusPacket.TryParse(datagram, out var packet))
        {
            reason = "malformed RADIUS packet";
            return false;
        }

        if (packet!.Identifier != identifier)
        {
            reason = "RADIUS identifier does not match the request";
            return false;
        }

        bool answers = requestCode == RadiusCode.AccessRequest
            ? packet.Code is RadiusCode.AccessAccept or RadiusCode.AccessReject or RadiusCode.AccessChallenge
            : packet.Code == RadiusCode.AccountingResponse;
        if (!answers)
        {
            reason = $"RADIUS code {packet.Code} does not answer an {requestCode}";
            return false;
        }

        // Both checks run over the packet with the Request Authenticator in place of the response's own.
        byte[] signed = datagram[..packet.Length].ToArray();
        requestAuthenticator.CopyTo(signed.AsSpan(4));
        if (!CryptographicOperations.FixedTimeEquals(RadiusAuthenticators.ResponseAuthenticator(signed, _secret), packet.Authenticator))
        {
            reason = "RADIUS Response Authenticator is wrong (forged response or wrong shared secret)";
            return false;
        }

        reason = CheckMessageAuthenticator(signed, packet);
        if (reason is not null)
        {
            return false;
        }

        response = packet;
        return true;
    }

    /// <summary>Joins the EAP-Message attributes in order and parses them as exactly one EAP packet.</summary>
    public static bool TryReadEapMessage(RadiusPacket packet, out EapPacket? eap)
    {
        ArgumentNullException.ThrowIfNull(packet);
        eap = null;
        byte[] joined = [.. packet.Attributes.Where(a => a.Type == RadiusAttributeType.EapMessage).SelectMany(a => a.Value.ToArray())];
        if (joined.Length == 0 || !EapPacket.TryParse(joined, out var parsed, out int consumed) || consumed != joined.Length)
        {
            return false;
        }

        eap = parsed;
        return true;
    }

    /// <summary>
    /// The MSK of an Access-Accept: MS-MPPE-Recv-Key followed by MS-MPPE-Send-Key (RFC 3748 §7.10 via RFC 2548),
    /// the layout strongSwan and Windows expect.
    /// </summary>
    public bool TryReadMsk(RadiusPacket accept, ReadOnlySpan<byte> requestAuthenticator, out EapKeys? keys)
    {
        ArgumentNullException.ThrowIfNull(accept);
        keys = null;
        byte[]? receive = null;
        byte[]? send = null;
        try
        {
            if (accept.Code != RadiusCode.AccessAccept
                || !MppeKeyCipher.TryFind(accept, MppeKeyCipher.MppeRecvKey, out var receiveValue)
                || !MppeKeyCipher.TryFind(accept, MppeKeyCipher.MppeSendKey, out var sendValue)
                || !MppeKeyCipher.TryDecrypt(receiveValue, _secret, requestAuthenticator, out receive)
                || !MppeKeyCipher.TryDecrypt(sendValue, _secret, requestAuthenticator, out send))
            {
                return false;
            }

            keys = new EapKeys([.. receive!, .. send!], []);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(receive);
            CryptographicOperations.ZeroMemory(send);
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    private string? CheckMessageAuthenticator(byte[] signed, RadiusPacket packet)
    {
        var offsets = RadiusAuthenticators.ValueOffsets(signed, RadiusAttributeType.MessageAuthenticator);
        bool carriesEap = packet.Attributes.Any(a => a.Type == RadiusAttributeType.EapMessage);
        if (offsets.Count == 0)
        {
            // RFC 3579 §3.2: a packet with EAP-Message without Message-Authenticator is silently discarded.
            return carriesEap ? "RADIUS response carries EAP without a Message-Authenticator" : null;
        }

        var value = signed.AsSpan(offsets[0], signed[offsets[0] - 1] - RadiusAttribute.HeaderLength);
        if (offsets.Count > 1 || value.Length != RadiusAuthenticators.MessageAuthenticatorLength)
        {
            return "RADIUS response has a malformed or repeated Message-Authenticator";
        }

        byte[] received = value.ToArray();
        value.Clear();
        return CryptographicOperations.FixedTimeEquals(RadiusAuthenticators.MessageAuthenticator(signed, _secret), received)
            ? null
            : "RADIUS Message-Authenticator is wrong";
    }
}
