using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// EAP pass-through to a RADIUS server (RFC 3579 §2), sans-I/O: each EAP Response from the peer becomes an
/// Access-Request (with User-Name from the Identity Response and the server's last State); each verified
/// answer becomes the EAP packet for the peer. An Access-Accept ends in success with the MSK from the
/// MS-MPPE keys, an Access-Reject in failure. Datagrams that fail verification are discarded and the request
/// stays pending, so a forged answer cannot end the conversation. Retransmitting
/// <see cref="PendingRequest"/> unchanged on timeout is the caller's job.
/// </summary>
public sealed class RadiusEapRelay
{
    private RadiusClientCodec _codec;
    private readonly RadiusAttribute[] _nasAttributes;
    private readonly RandomSource _random;
    private readonly byte[] _requestAuthenticator = new byte[RadiusPacket.AuthenticatorLength];
    private byte _identifier;
    private byte _eapIdentifier;
    private byte[]? _userName;
    private byte[]? _state;
    private bool _finished;
    private EapPacket? _pendingEap;

    /// <param name="codec">Holds the shared secret; owned by the caller.</param>
    /// <param name="nasAttributes">Sent in every Access-Request (NAS-Identifier, NAS-IP-Address, Called-Station-Id ...).</param>
    /// <param name="random">Source of the Request Authenticators and the first identifier.</param>
    public RadiusEapRelay(RadiusClientCodec codec, IReadOnlyList<RadiusAttribute> nasAttributes, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(nasAttributes);
        ArgumentNullException.ThrowIfNull(random);
        _codec = codec;
        _nasAttributes = [.. nasAttributes];
        _random = random;
        Span<byte> identifier = stackalloc byte[1];
        random.Fill(identifier);
        _identifier = identifier[0];
    }

    /// <summary>The Access-Request awaiting an answer, or null.</summary>
    public byte[]? PendingRequest { get; private set; }

    /// <summary>The verified Access-Accept once there is one (Framed-IP-Address, Class, Session-Timeout ...).</summary>
    public RadiusPacket? Accept { get; private set; }

    /// <summary>Wraps the peer's EAP Response into an Access-Request and returns the datagram to send.</summary>
    public byte[] Forward(EapPacket response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (_finished || PendingRequest is not null || response.Code != EapCode.Response)
        {
            throw new InvalidOperationException("An EAP Response can be forwarded only when no request is pending.");
        }

        if (response.Type == EapType.Identity && _userName is null)
        {
            _userName = response.TypeData.Length is > 0 and <= RadiusAttribute.MaxValueLength ? response.TypeData.ToArray() : null;
        }

        _eapIdentifier = response.Identifier;
        _pendingEap = response;
        return Encode();
    }

    /// <summary>
    /// Whether the pending request may move to another server: only before the first Access-Challenge, since
    /// the State that follows ties the conversation to the server that issued it.
    /// </summary>
    public bool CanFailOver => PendingRequest is not null && _state is null;

    /// <summary>Re-encodes the pending request for another server (its own secret, new identifier and authenticator).</summary>
    public byte[] FailOver(RadiusClientCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!CanFailOver)
        {
            throw new InvalidOperationException("Only a request before the first Access-Challenge can move to another server.");
        }

        _codec = codec;
        return Encode();
    }

    private byte[] Encode()
    {
        var attributes = new List<RadiusAttribute>(_nasAttributes);
        if (_userName is not null)
        {
            attributes.Add(new RadiusAttribute(RadiusAttributeType.UserName, _userName));
        }

        if (_state is not null)
        {
            attributes.Add(new RadiusAttribute(RadiusAttributeType.State, _state));
        }

        _identifier++;
        _random.Fill(_requestAuthenticator);
        PendingRequest = _codec.EncodeAccessRequest(_identifier, _requestAuthenticator, attributes, _pendingEap!);
        return PendingRequest;
    }

    /// <summary>Handles a datagram from the RADIUS server; anything unverified is discarded.</summary>
    public EapOutcome OnResponse(ReadOnlySpan<byte> datagram)
    {
        if (PendingRequest is null)
        {
            return EapOutcome.Discarded("no RADIUS request pending");
        }

        if (!_codec.TryAcceptResponse(datagram, _identifier, _requestAuthenticator, out var response, out string? reason))
        {
            return EapOutcome.Discarded(reason!);
        }

        PendingRequest = null;
        RadiusClientCodec.TryReadEapMessage(response!, out var eap);
        switch (response!.Code)
        {
            case RadiusCode.AccessChallenge when eap is { Code: EapCode.Request }:
                var states = response.Attributes.Where(a => a.Type == RadiusAttributeType.State).ToList();
                _state = states.Count == 1 ? states[0].Value.ToArray() : null;
                return EapOutcome.Send(eap);
            case RadiusCode.AccessAccept when eap is null or { Code: EapCode.Success }:
                _finished = true;
                Accept = response;
                _codec.TryReadMsk(response, _requestAuthenticator, out var keys);
                return EapOutcome.Succeeded(eap ?? EapPacket.Success(_eapIdentifier), keys);
            case RadiusCode.AccessReject:
                _finished = true;
                return EapOutcome.Failed(EapPacket.Failure(_eapIdentifier), "the RADIUS server rejected the authentication");
            default:
                _finished = true;
                return EapOutcome.Failed(EapPacket.Failure(_eapIdentifier), $"RADIUS {response.Code} does not carry a fitting EAP packet");
        }
    }
}
