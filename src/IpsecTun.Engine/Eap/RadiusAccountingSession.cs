using IpsecTun.Eap.Radius;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Eap;

/// <summary>
/// The RADIUS accounting of one EAP-RADIUS session (RFC 2866): Start when its IKE SA is established,
/// Interim-Update every <see cref="InterimInterval"/> (none when zero), and Stop with the reason it ended. The
/// traffic is the sum over every Child SA the session ever had (<see cref="Track"/>), so bytes of Child SAs
/// that a rekey or a delete removed stay counted. Requests leave one after another in the background, each
/// retransmitted and failed over by the <see cref="RadiusClient"/>, so that a Stop never overtakes its Start.
/// </summary>
internal sealed class RadiusAccountingSession
{
    private readonly RadiusClient _client;
    private readonly IReadOnlyList<RadiusAttribute> _sessionAttributes;
    private readonly TimeProvider _time;
    private readonly Action<AccountingStatusType, bool> _reported;
    private readonly List<(SecurityAssociation Inbound, SecurityAssociation Outbound)> _children = [];
    private readonly long _startedAt;
    private long _lastReport;
    private Task _sending = Task.CompletedTask;
    private bool _stopped;

    /// <summary>
    /// A session whose every request repeats <paramref name="sessionAttributes"/> (User-Name, NAS and Framed-IP-Address,
    /// Class); <paramref name="reported"/> is told of each request once a server acknowledged it (true) or none answered (false).
    /// </summary>
    public RadiusAccountingSession(
        RadiusClient client, string sessionId, IReadOnlyList<RadiusAttribute> sessionAttributes, TimeSpan interimInterval,
        TimeProvider time, Action<AccountingStatusType, bool> reported)
    {
        _client = client;
        SessionId = sessionId;
        _sessionAttributes = sessionAttributes;
        InterimInterval = interimInterval;
        _time = time;
        _reported = reported;
        _startedAt = time.GetTimestamp();
        _lastReport = _startedAt;
    }

    public string SessionId { get; }

    public TimeSpan InterimInterval { get; }

    /// <summary>Why the session ends, once its IKE SA said so; the endpoint supplies a reason when it did not.</summary>
    public AccountingTerminateCause? Cause { get; set; }

    /// <summary>Whether an Interim-Update is due now.</summary>
    public bool InterimDue => !_stopped && InterimInterval > TimeSpan.Zero && _time.GetElapsedTime(_lastReport) >= InterimInterval;

    /// <summary>Counts a Child SA's traffic in this session from now on; one already counted is ignored.</summary>
    public void Track(SecurityAssociation inbound, SecurityAssociation outbound)
    {
        if (!_children.Exists(c => c.Inbound == inbound))
        {
            _children.Add((inbound, outbound));
        }
    }

    public Task Start() => Send(AccountingStatusType.Start);

    public Task Interim() => Send(AccountingStatusType.InterimUpdate);

    /// <summary>Sends Stop with <see cref="Cause"/>, or <paramref name="otherwise"/> when none was set; later calls do nothing.</summary>
    public Task Stop(AccountingTerminateCause otherwise)
    {
        if (_stopped)
        {
            return _sending;
        }

        Cause ??= otherwise;
        Task stop = Send(AccountingStatusType.Stop);
        _stopped = true;
        return stop;
    }

    /// <summary>The record a request of <paramref name="status"/> would report now.</summary>
    internal RadiusAccountingRecord Record(AccountingStatusType status)
    {
        ulong inputOctets = 0, outputOctets = 0, inputPackets = 0, outputPackets = 0;
        foreach ((SecurityAssociation inbound, SecurityAssociation outbound) in _children)
        {
            inputOctets += (ulong)inbound.CurrentBytes;
            inputPackets += (ulong)inbound.Packets;
            outputOctets += (ulong)outbound.CurrentBytes;
            outputPackets += (ulong)outbound.Packets;
        }

        // Packet counters are 32 bits on the wire and wrap, as RFC 2866 §5.8 allows.
        return new RadiusAccountingRecord(
            status, SessionId, inputOctets, outputOctets, unchecked((uint)inputPackets), unchecked((uint)outputPackets),
            (uint)_time.GetElapsedTime(_startedAt).TotalSeconds,
            status == AccountingStatusType.Stop ? Cause : null);
    }

    private Task Send(AccountingStatusType status)
    {
        if (_stopped)
        {
            return _sending;
        }

        _lastReport = _time.GetTimestamp();
        IReadOnlyList<RadiusAttribute> attributes = [.. _sessionAttributes, .. Record(status).ToAttributes()];
        _sending = SendAfter(_sending, attributes, status);
        return _sending;
    }

    private async Task SendAfter(Task previous, IReadOnlyList<RadiusAttribute> attributes, AccountingStatusType status)
    {
        await previous.ConfigureAwait(false);
        bool acknowledged;
        try
        {
            acknowledged = await _client.SendAccountingAsync(attributes).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a failed send must neither break the chain of the session's later requests nor fault the shutdown that waits for it
        catch (Exception)
#pragma warning restore CA1031
        {
            // An unreachable server network or a client closed at shutdown: the request is lost like an unanswered one.
            acknowledged = false;
        }

        _reported(status, acknowledged);
    }
}
