using System.Buffers.Binary;
using System.Net;
using IpsecTun.Crypto;

namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Notification Data of the types IKE acts on: their sizes are checked when the payload is parsed,
/// and the typed readers and builders here turn them into values. Other types carry opaque data.
/// </summary>
public static class NotifyData
{
    /// <summary>NAT_DETECTION_*_IP carry a SHA-1 hash (RFC 7296 §2.23).</summary>
    public const int NatDetectionHashSize = 20;

    /// <summary>COOKIE data is 1 to 64 octets (RFC 7296 §2.6).</summary>
    public const int MaxCookieSize = 64;

    /// <summary>Whether <paramref name="data"/> has the shape <paramref name="type"/> requires.</summary>
    public static bool IsValid(NotifyType type, int spiSize, ReadOnlySpan<byte> data) => type switch
    {
        NotifyType.NatDetectionSourceIp or NotifyType.NatDetectionDestinationIp => data.Length == NatDetectionHashSize,
        NotifyType.Cookie => data.Length is >= 1 and <= MaxCookieSize,
        NotifyType.Cookie2 => data.Length is >= 8 and <= 64,
        NotifyType.InvalidKePayload => data.Length == 2,
        NotifyType.InvalidMessageId or NotifyType.SetWindowSize or NotifyType.AuthLifetime => data.Length == 4,
        NotifyType.SignatureHashAlgorithms => data.Length % 2 == 0,
        NotifyType.AdditionalIp4Address => data.Length == 4,
        NotifyType.AdditionalIp6Address => data.Length == 16,
        NotifyType.InvalidSpi => data.Length is 4 or 8 || (data.IsEmpty && spiSize > 0),
        NotifyType.RekeySa => spiSize is 4 or 8,
        NotifyType.UnsupportedCriticalPayload => data.Length == 1,
        NotifyType.Redirect or NotifyType.RedirectedFrom => TryReadGateway(data, out _, out _, out _),
        NotifyType.Ikev2FragmentationSupported or NotifyType.InitialContact or NotifyType.MobikeSupported
            or NotifyType.UseTransportMode or NotifyType.EspTfcPaddingNotSupported or NotifyType.NonFirstFragmentsAlso
            or NotifyType.ChildlessIkev2Supported or NotifyType.NoAdditionalAddresses or NotifyType.UpdateSaAddresses
            or NotifyType.RedirectSupported or NotifyType.MultipleAuthSupported => data.IsEmpty,
        _ => true,
    };

    public static KeyExchangeGroupId ReadInvalidKeGroup(NotifyPayload notify) =>
        (KeyExchangeGroupId)BinaryPrimitives.ReadUInt16BigEndian(Checked(notify, NotifyType.InvalidKePayload));

    public static byte[] InvalidKeGroup(KeyExchangeGroupId group)
    {
        byte[] data = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)group);
        return data;
    }

    /// <summary>Reads the 4-byte value of INVALID_MESSAGE_ID, SET_WINDOW_SIZE or AUTH_LIFETIME.</summary>
    public static uint ReadUInt32(NotifyPayload notify)
    {
        if (notify.NotifyType is not (NotifyType.InvalidMessageId or NotifyType.SetWindowSize or NotifyType.AuthLifetime))
        {
            throw new ArgumentException($"{notify.NotifyType} carries no 32-bit value.", nameof(notify));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(notify.Data.Span);
    }

    public static byte[] EncodeUInt32(uint value)
    {
        byte[] data = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, value);
        return data;
    }

    /// <summary>The hash algorithm ids of SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4).</summary>
    public static ushort[] ReadSignatureHashAlgorithms(NotifyPayload notify)
    {
        ReadOnlySpan<byte> data = Checked(notify, NotifyType.SignatureHashAlgorithms);
        ushort[] ids = new ushort[data.Length / 2];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }

        return ids;
    }

    public static byte[] SignatureHashAlgorithms(ReadOnlySpan<ushort> ids)
    {
        byte[] data = new byte[2 * ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2 * i), ids[i]);
        }

        return data;
    }

    /// <summary>The address of ADDITIONAL_IP4_ADDRESS or ADDITIONAL_IP6_ADDRESS (RFC 4555).</summary>
    public static IPAddress ReadAdditionalAddress(NotifyPayload notify) =>
        notify.NotifyType is NotifyType.AdditionalIp4Address or NotifyType.AdditionalIp6Address
            ? new IPAddress(notify.Data.Span)
            : throw new ArgumentException($"{notify.NotifyType} carries no address.", nameof(notify));

    /// <summary>
    /// Reads the gateway of REDIRECT or REDIRECTED_FROM (RFC 5685 §9.1): identity type (1 IPv4, 2 IPv6,
    /// 3 FQDN), identity length, identity, then for REDIRECT optionally the initiator's nonce.
    /// </summary>
    public static bool TryReadGateway(ReadOnlySpan<byte> data, out byte identityType, out ReadOnlyMemory<byte> identity, out ReadOnlyMemory<byte> nonce)
    {
        identityType = 0;
        identity = default;
        nonce = default;
        if (data.Length < 2 || 2 + data[1] > data.Length)
        {
            return false;
        }

        int length = data[1];
        bool lengthFits = data[0] switch
        {
            1 => length == 4,
            2 => length == 16,
            3 => length > 0,
            _ => false,
        };
        if (!lengthFits)
        {
            return false;
        }

        identityType = data[0];
        identity = data.Slice(2, length).ToArray();
        nonce = data[(2 + length)..].ToArray();
        return true;
    }

    private static ReadOnlySpan<byte> Checked(NotifyPayload notify, NotifyType expected) =>
        notify.NotifyType == expected ? notify.Data.Span : throw new ArgumentException($"Expected {expected}, not {notify.NotifyType}.", nameof(notify));
}
