using System.Net;
using System.Net.Sockets;
using IpsecTun.Crypto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// A RADIUS client over an <see cref="IRadiusTransport"/> (RFC 2865, RFC 2866, RFC 3579): each request waits
/// for an answer that passes the checks of <see cref="RadiusClientCodec"/>, is retransmitted unchanged with
/// doubling timeouts, then moves to the next configured server; the server that answers stays the first
/// choice. Every datagram that is malformed, unexpected or fails verification is dropped, counted in
/// <see cref="Statistics"/> and logged, and the request goes on waiting.
/// </summary>
public sealed partial class RadiusClient : IDisposable
{
    private readonly RadiusServerSettings[] _servers;
    private readonly RadiusClientCodec[] _codecs;
    private readonly IRadiusTransport _transport;
    private readonly RadiusClientOptions _options;
    private readonly RandomSource _random;
    private readonly ILogger _logger;
    private readonly List<RadiusPendingRequest> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;
    private int _current;
    private int _accountingIdentifier;

    public RadiusClient(
        IReadOnlyList<RadiusServerSettings> servers, IRadiusTransport transport, RadiusClientOptions options, RandomSource random, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (servers.Count == 0)
        {
            throw new ArgumentException("At least one RADIUS server is needed.", nameof(servers));
        }

        _servers = [.. servers];
        _codecs = [.. servers.Select(server => new RadiusClientCodec(server.SharedSecret))];
        _transport = transport;
        _options = options;
        _random = random;
        _logger = logger ?? NullLogger.Instance;
        _receiver = Task.Run(() => ReceiveLoopAsync(_stop.Token));
    }

    public RadiusClientStatistics Statistics { get; } = new();

    /// <summary>Starts an EAP conversation with the server currently preferred.</summary>
    public RadiusEapSession StartEap(IReadOnlyList<RadiusAttribute> nasAttributes)
    {
        int index = Volatile.Read(ref _current);
        return new RadiusEapSession(this, new RadiusEapRelay(_codecs[index], nasAttributes, _random), index);
    }

    /// <summary>Sends an Accounting-Request; true once a server has acknowledged it.</summary>
    public Task<bool> SendAccountingAsync(IReadOnlyList<RadiusAttribute> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        byte[] request = [];
        RadiusClientCodec codec = _codecs[0];
        return ExchangeAsync(
            Volatile.Read(ref _current),
            (index, _) =>
            {
                codec = _codecs[index];
                request = codec.EncodeAccountingRequest((byte)Interlocked.Increment(ref _accountingIdentifier), attributes);
                return request;
            },
            datagram => codec.TryAcceptAccountingResponse(datagram, request, out string? reason) ? null : reason,
            () => true,
            server => server.Accounting,
            cancellationToken);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _transport.Dispose();
        try
        {
            _receiver.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The receiver ends by cancellation or by the closed socket; either is the expected way out.
        }

        _stop.Dispose();
        foreach (var codec in _codecs)
        {
            codec.Dispose();
        }
    }

    internal RadiusClientCodec Codec(int index) => _codecs[index];

    /// <summary>
    /// Sends what <paramref name="encode"/> produces (called with the server index and whether this is the first
    /// encoding or a failover) until <paramref name="verify"/> accepts an answer or every server has timed out.
    /// </summary>
    internal async Task<bool> ExchangeAsync(
        int firstServer, Func<int, bool, byte[]> encode, Func<byte[], string?> verify, Func<bool> canFailOver,
        Func<RadiusServerSettings, IPEndPoint> port, CancellationToken cancellationToken)
    {
        var retransmission = new RadiusRetransmission(_servers.Length, _options.AttemptsPerServer);
        int index = firstServer;
        byte[] datagram = encode(index, true);
        var timeout = _options.InitialTimeout;
        var pending = Register(port(_servers[index]), datagram[1], verify);
        try
        {
            while (true)
            {
                await _transport.SendAsync(datagram, pending.Server, cancellationToken).ConfigureAwait(false);
                var finished = await Task.WhenAny(pending.Answered, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
                if (finished == pending.Answered)
                {
                    retransmission.OnAnswer();
                    Volatile.Write(ref _current, index);
                    return true;
                }

                cancellationToken.ThrowIfCancellationRequested();
                switch (retransmission.OnTimeout(canFailOver()))
                {
                    case RadiusTimeoutAction.Retransmit:
                        Statistics.CountRetransmission();
                        timeout = TimeSpan.FromTicks(Math.Min(timeout.Ticks * 2, _options.MaxTimeout.Ticks));
                        break;
                    case RadiusTimeoutAction.FailOver:
                        Statistics.CountFailover();
                        LogFailover(_servers[index], _servers[(firstServer + retransmission.ServerIndex) % _servers.Length]);
                        index = (firstServer + retransmission.ServerIndex) % _servers.Length;
                        Unregister(pending);
                        datagram = encode(index, false);
                        pending = Register(port(_servers[index]), datagram[1], verify);
                        timeout = _options.InitialTimeout;
                        break;
                    default:
                        Statistics.CountUnanswered();
                        LogUnanswered(_servers[index]);
                        return false;
                }
            }
        }
        finally
        {
            Unregister(pending);
        }
    }

    private RadiusPendingRequest Register(IPEndPoint server, byte identifier, Func<byte[], string?> verify)
    {
        var pending = new RadiusPendingRequest(server, identifier, verify);
        lock (_pending)
        {
            _pending.Add(pending);
        }

        return pending;
    }

    private void Unregister(RadiusPendingRequest pending)
    {
        lock (_pending)
        {
            _pending.Remove(pending);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[RadiusPacket.MaxLength];
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            IPEndPoint from;
            try
            {
                (length, from) = await _transport.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                // An ICMP error for an earlier datagram surfaces here; the socket itself is still usable.
                LogReceiveError(exception.SocketErrorCode);
                continue;
            }

            Dispatch(buffer.AsSpan(0, length).ToArray(), from);
        }
    }

    private void Dispatch(byte[] datagram, IPEndPoint from)
    {
        if (!RadiusPacket.TryParse(datagram, out _))
        {
            Statistics.CountMalformed();
            LogDropped(from, "malformed RADIUS packet");
            return;
        }

        List<RadiusPendingRequest> candidates;
        lock (_pending)
        {
            candidates = [.. _pending.Where(p => p.Matches(from, datagram[1]))];
        }

        if (candidates.Count == 0)
        {
            Statistics.CountUnexpected();
            LogDropped(from, $"no request with identifier {datagram[1]} is waiting for this source");
            return;
        }

        string? reason = null;
        foreach (var candidate in candidates)
        {
            reason = candidate.Verify(datagram);
            if (reason is null)
            {
                return;
            }
        }

        Statistics.CountRejected();
        LogDropped(from, reason!);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped RADIUS datagram from {Source}: {Reason}")]
    private partial void LogDropped(IPEndPoint source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Server} did not answer; failing over to {Next}")]
    private partial void LogFailover(RadiusServerSettings server, RadiusServerSettings next);

    [LoggerMessage(Level = LogLevel.Error, Message = "No RADIUS server answered; the last tried was {Server}")]
    private partial void LogUnanswered(RadiusServerSettings server);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RADIUS socket reported {Error}")]
    private partial void LogReceiveError(SocketError error);
}
