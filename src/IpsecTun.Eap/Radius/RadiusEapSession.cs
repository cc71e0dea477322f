using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// One EAP conversation relayed through a <see cref="RadiusClient"/>: each EAP Response of the peer goes to
/// <see cref="ForwardAsync"/>, which returns the verified answer as an <see cref="EapOutcome"/> (send the
/// Request, or success with the MSK, or failure). Retransmission and failover happen inside; a conversation
/// fails over only before its first Access-Challenge.
/// </summary>
public sealed class RadiusEapSession
{
    private readonly RadiusClient _client;
    private readonly RadiusEapRelay _relay;
    private readonly Lock _gate = new();

    internal RadiusEapSession(RadiusClient client, RadiusEapRelay relay, int serverIndex)
    {
        _client = client;
        _relay = relay;
        ServerIndex = serverIndex;
    }

    /// <summary>The index of the server the conversation is with.</summary>
    public int ServerIndex { get; private set; }

    /// <summary>The verified Access-Accept once there is one (Framed-IP-Address, Class, Session-Timeout ...).</summary>
    public RadiusPacket? Accept => _relay.Accept;

    public async Task<EapOutcome> ForwardAsync(EapPacket response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        EapOutcome? outcome = null;
        bool answered = await _client.ExchangeAsync(
            ServerIndex,
            (index, first) =>
            {
                lock (_gate)
                {
                    ServerIndex = index;
                    return first ? _relay.Forward(response) : _relay.FailOver(_client.Codec(index));
                }
            },
            datagram =>
            {
                lock (_gate)
                {
                    var result = _relay.OnResponse(datagram);
                    if (result.Kind == EapOutcomeKind.Discarded)
                    {
                        return result.Reason;
                    }

                    outcome = result;
                    return null;
                }
            },
            () => _relay.CanFailOver,
            server => server.Authentication,
            cancellationToken).ConfigureAwait(false);
        return answered ? outcome! : EapOutcome.Failed(EapPacket.Failure(response.Identifier), "no RADIUS server answered");
    }
}
