using System.Net;
using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The responder's stateless COOKIE defence (RFC 7296 §2.6), run by the host before it creates an IKE SA
/// for an IKE_SA_INIT request: while <see cref="Required"/> (e.g. too many half-open SAs) a request is
/// let through only with a valid cookie, <c>version | SHA-256(Ni | IPi | SPIi | secret)</c>, and answered
/// with a fresh one otherwise. No state is kept per request. With a <see cref="TimeProvider"/> the secret
/// is replaced every rotation period; a cookie made with the previous secret (named by its version octet)
/// is still accepted for one period, so an initiator whose cookie straddles a rotation is not turned away.
/// </summary>
public sealed class CookieChallenge : IDisposable
{
    private const int SecretSize = 32;
    private readonly RandomSource _random;
    private readonly TimeProvider? _time;
    private readonly TimeSpan _rotation;
    private byte[] _secret = new byte[SecretSize];
    private byte[]? _previous;
    private byte _version = 1;
    private long _rotatedAt;

    public CookieChallenge(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        random.Fill(_secret);
    }

    /// <summary>A challenge whose secret is replaced every <paramref name="rotation"/>.</summary>
    public CookieChallenge(RandomSource random, TimeProvider time, TimeSpan rotation)
        : this(random)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rotation, TimeSpan.Zero);
        _time = time;
        _rotation = rotation;
        _rotatedAt = time.GetTimestamp();
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

        Rotate();
        byte[] expected = Compute(nonce.Data.Span, from.Address, message.Header.InitiatorSpi, _version, _secret);
        if (message.Payloads[0] is NotifyPayload { NotifyType: NotifyType.Cookie } cookie
            && (CryptographicOperations.FixedTimeEquals(cookie.Data.Span, expected) || MatchesPrevious(cookie, nonce, from, message.Header.InitiatorSpi)))
        {
            return null;
        }

        var header = new IkeHeader(message.Header.InitiatorSpi, 0, PayloadType.None, ExchangeType.IkeSaInit, IkeHeaderFlags.Response, 0, 0);
        return new IkeMessage(header, [new NotifyPayload(NotifyType.Cookie, expected)]).ToArray();
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        CryptographicOperations.ZeroMemory(_previous);
    }

    private bool MatchesPrevious(NotifyPayload cookie, NoncePayload nonce, IPEndPoint from, ulong spi) =>
        _previous is not null && !cookie.Data.IsEmpty && cookie.Data.Span[0] == (byte)(_version - 1)
        && CryptographicOperations.FixedTimeEquals(cookie.Data.Span, Compute(nonce.Data.Span, from.Address, spi, (byte)(_version - 1), _previous));

    /// <summary>Replaces the secret once per period; the one before it stays valid for one more period.</summary>
    private void Rotate()
    {
        if (_time is null || _time.GetElapsedTime(_rotatedAt) < _rotation)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_previous);
        _previous = _secret;
        if (_time.GetElapsedTime(_rotatedAt) >= 2 * _rotation)
        {
            // Idle for more than a period: the previous secret has expired as well.
            CryptographicOperations.ZeroMemory(_previous);
            _previous = null;
        }

        _secret = new byte[SecretSize];
        _random.Fill(_secret);
        _version++;
        _rotatedAt = _time.GetTimestamp();
    }

    private static byte[] Compute(ReadOnlySpan<byte> nonce, IPAddress address, ulong spi, byte version, byte[] secret)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[16];
        hash.AppendData(nonce);
        address.TryWriteBytes(scratch, out int written);
        hash.AppendData(scratch[..written]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(scratch, spi);
        hash.AppendData(scratch[..8]);
        hash.AppendData(secret);
        byte[] cookie = new byte[1 + 32];
        cookie[0] = version;
        hash.GetHashAndReset(cookie.AsSpan(1));
        return cookie;
    }
}
