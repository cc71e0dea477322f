using System.Net;
using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The responder's stateless COOKIE defence (RFC 7296 §2.6), run by the host before it creates an IKE SA
/// for an IKE_SA_INIT request: while <see cref="Required"/> (e.g. too many half-open SAs) a request is
/// let through only with a valid cookie, <c>version | SHA-256(Ni | IPi | SPIi | secret)</c>, and answered
/// with a fresh one otherwise. No state is kept per request.
/// </summary>
public sealed class CookieChallenge : IDisposable
{
    private const byte SecretVersion = 1;
    private readonly byte[] _secret = new byte[32];

    public CookieChallenge(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        random.Fill(_secret);
    }

    /// <summary>Set by the host while it is under half-open load.</summary>
    public bool Required { get; set; }

    /// <summary>
    /// Null when the IKE_SA_INIT request in <paramref name="datagram"/> may proceed to an IKE SA; otherwise
    /// the datagram to send back (HDR, N(COOKIE)). Unparsable input proceeds, to be dropped by the SA.
    /// </summary>
    public byte[]? Check(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (!Required || !IkeMessage.TryParse(datagram, out IkeMessage? message, out _)
            || message.Payloads.OfType<NoncePayload>().FirstOrDefault() is not { } nonce)
        {
            return null;
        }

        byte[] expected = Compute(nonce.Data.Span, from.Address, message.Header.InitiatorSpi);
        if (message.Payloads[0] is NotifyPayload { NotifyType: NotifyType.Cookie } cookie
            && CryptographicOperations.FixedTimeEquals(cookie.Data.Span, expected))
        {
            return null;
        }

        var header = new IkeHeader(message.Header.InitiatorSpi, 0, PayloadType.None, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0, 0);
        return new IkeMessage(header, [new NotifyPayload(NotifyType.Cookie, expected)]).ToArray();
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    private byte[] Compute(ReadOnlySpan<byte> nonce, IPAddress address, ulong spi)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[16];
        hash.AppendData(nonce);
        address.TryWriteBytes(scratch, out int written);
        hash.AppendData(scratch[..written]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(scratch, spi);
        hash.AppendData(scratch[..8]);
        hash.AppendData(_secret);
        byte[] cookie = new byte[1 + 32];
        cookie[0] = SecretVersion;
        hash.GetHashAndReset(cookie.AsSpan(1));
        return cookie;
    }
}
