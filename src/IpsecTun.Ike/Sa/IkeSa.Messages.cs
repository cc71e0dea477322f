using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Tasks;

namespace IpsecTun.Ike.Sa;

/// <summary>The message path: receiving, dispatching to tasks, sealing and sending.</summary>
public sealed partial class IkeSa
{
    /// <summary>Datagrams dropped because they did not belong to this SA or failed parsing or protection.</summary>
    public int DroppedCount { get; private set; }

    /// <summary>The addresses of the datagram being processed, for NAT detection.</summary>
    internal IPEndPoint? ReceivedFrom { get; private set; }

    internal IPEndPoint? ReceivedTo { get; private set; }

    /// <summary>The exchange this side is running as initiator, if any.</summary>
    internal IkeTask? ActiveTask => _tasks.Active;

    /// <summary>No request of ours is outstanding or queued.</summary>
    internal bool IsIdle => _tasks.Active is null && _tasks.QueuedCount == 0;

    /// <summary>The message ID of our outstanding request, or of the next one.</summary>
    internal uint NextRequestId => _tasks.NextRequestId;

    /// <summary>The message ID the peer's next new request must carry.</summary>
    internal uint ExpectedRequestId => _tasks.ExpectedRequestId;

    /// <summary>Processes one datagram that arrived from <paramref name="from"/> at <paramref name="to"/>.</summary>
    public IkeSaOutput Receive(ReadOnlySpan<byte> datagram, IPEndPoint from, IPEndPoint to)
    {
        var output = new IkeSaOutput();
        if (!IkeMessage.TryParse(datagram, out IkeMessage? message, out IkeError error))
        {
            Drop(output, $"unparsable message: {error.Reason}");
            return output;
        }

        IkeHeader header = message.Header;
        ReceivedFrom = from;
        ReceivedTo = to;
        if (header.IsFromInitiator == IsInitiator || !AcceptSpis(header))
        {
            Drop(output, $"message for another SA or role ({header.InitiatorSpi:x16}_{header.ResponderSpi:x16})");
            return output;
        }

        if (State is IkeSaState.Closed or IkeSaState.Failed)
        {
            // The last answer (e.g. AUTHENTICATION_FAILED) is still repeated if the peer did not get it.
            if (!header.IsResponse && _tasks.CachedResponseFor(header.MessageId, datagram) is { } cached)
            {
                Send(output, cached);
            }

            return output;
        }

        if (header.IsResponse)
        {
            HandleResponse(datagram, message, output);
        }
        else
        {
            HandleRequest(datagram, message, output);
        }

        return output;
    }

    private bool AcceptSpis(IkeHeader header)
    {
        if (!IsInitiator && State == IkeSaState.Created && header.ExchangeType == ExchangeType.IkeSaInit)
        {
            // A new responder learns the initiator's SPI from the first request.
            if (header.ResponderSpi != 0 || header.MessageId != 0 || (InitiatorSpi != 0 && header.InitiatorSpi != InitiatorSpi))
            {
                return false;
            }

            InitiatorSpi = header.InitiatorSpi;
            return true;
        }

        if (header.InitiatorSpi != InitiatorSpi)
        {
            return false;
        }

        if (IsInitiator && State == IkeSaState.InitSent && header.ExchangeType == ExchangeType.IkeSaInit)
        {
            return true;
        }

        // A retransmitted IKE_SA_INIT request still carries a zero responder SPI.
        return header.ResponderSpi == ResponderSpi
            || (!IsInitiator && header.ExchangeType == ExchangeType.IkeSaInit && header.ResponderSpi == 0);
    }

    private void HandleRequest(ReadOnlySpan<byte> datagram, IkeMessage message, IkeSaOutput output)
    {
        uint id = message.Header.MessageId;
        if (id != _tasks.ExpectedRequestId)
        {
            if (_tasks.CachedResponseFor(id, datagram) is { } cached)
            {
                output.Log($"{message.Header.ExchangeType} request {id} retransmitted; answering from the cache");
                Send(output, cached);
            }
            else
            {
                Drop(output, $"request {id} outside the window (expecting {_tasks.ExpectedRequestId})");
            }

            return;
        }

        bool expected = message.Header.ExchangeType switch
        {
            ExchangeType.IkeSaInit => State == IkeSaState.Created,
            ExchangeType.IkeAuth => State == IkeSaState.Authenticating,
            ExchangeType.CreateChildSa => State is IkeSaState.Established or IkeSaState.Rekeyed or IkeSaState.Deleting,
            ExchangeType.Informational => State is IkeSaState.Established or IkeSaState.Rekeyed or IkeSaState.Deleting
                || (State == IkeSaState.Authenticating && !IsInitiator && ExpectedRequestId > 1),
            _ => false,
        };
        if (!expected)
        {
            Drop(output, $"{message.Header.ExchangeType} request {id} not expected in state {State}");
            return;
        }

        if (AwaitsEap(id))
        {
            output.Log($"{message.Header.ExchangeType} request {id} retransmitted while the EAP server has not answered");
            return;
        }

        if (!TryRead(datagram, message, output, out List<Payload>? payloads))
        {
            return;
        }

        IkeTask task = message.Header.ExchangeType switch
        {
            ExchangeType.IkeSaInit => new IkeInitTask(),
            ExchangeType.IkeAuth => EapResponder ?? (IkeTask)new IkeAuthTask(),
            ExchangeType.CreateChildSa when IkeRekeyTask.IsIkeRekey(payloads) => new IkeRekeyTask(),
            ExchangeType.CreateChildSa => new CreateChildTask(),
            ExchangeType.Informational when State == IkeSaState.Authenticating => new PeerRefusalTask(),
            _ => new InformationalTask(),
        };

        if (task.Exchange == ExchangeType.IkeSaInit)
        {
            InitRequest = datagram.ToArray();
        }

        task.ProcessRequest(this, payloads, output);
        if (!DeferForEap(task, id, datagram))
        {
            Respond(task, id, datagram, output);
        }
    }

    private void Respond(IkeTask task, uint id, ReadOnlySpan<byte> datagram, IkeSaOutput output)
    {
        var response = new List<Payload>();
        task.BuildResponse(this, response, output);
        IReadOnlyList<byte[]> sealedResponse = Seal(task.Exchange, id, isResponse: true, response);
        if (task.KeepsState)
        {
            _tasks.Responded(id, datagram, sealedResponse);
        }

        Send(output, sealedResponse);
    }

    private void HandleResponse(ReadOnlySpan<byte> datagram, IkeMessage message, IkeSaOutput output)
    {
        IkeTask? task = _tasks.Active;
        if (task is null || message.Header.MessageId != _tasks.ActiveMessageId || message.Header.ExchangeType != task.Exchange)
        {
            Drop(output, $"unexpected response {message.Header.MessageId}");
            return;
        }

        if (!TryRead(datagram, message, output, out List<Payload>? payloads))
        {
            return;
        }

        if (task.Exchange == ExchangeType.IkeSaInit)
        {
            InitResponse = datagram.ToArray();
            ResponderSpi = message.Header.ResponderSpi;
        }

        TaskOutcome outcome = task.ProcessResponse(this, payloads, output);
        _tasks.Complete(outcome);
        if (outcome == TaskOutcome.Failed)
        {
            Close(output, IkeSaState.Failed);
            return;
        }

        SendQueued(output);
        if (State == IkeSaState.Established)
        {
            DeleteReplacedSa(output);
        }
    }

    private bool TryRead(ReadOnlySpan<byte> datagram, IkeMessage message, IkeSaOutput output, [NotNullWhen(true)] out List<Payload>? payloads)
    {
        payloads = [];
        InboundMessageReader? reader = message.Header.ExchangeType == ExchangeType.IkeSaInit ? _plainReader : _protectedReader;
        IkeError error = IkeError.Drop("no keys to read it with");
        InboundStatus status = reader is null ? InboundStatus.Rejected : reader.Read(datagram, message, payloads, out error);
        if (status == InboundStatus.Complete)
        {
            _lastInbound = Time.GetTimestamp();
            if (message.Header.ExchangeType != ExchangeType.IkeSaInit)
            {
                FollowPeerAddress(ReceivedFrom!, ReceivedTo!);
            }

            return true;
        }

        if (status == InboundStatus.Rejected)
        {
            Drop(output, $"{message.Header.ExchangeType} message {message.Header.MessageId} rejected: {error.Reason}");
        }

        payloads = null;
        return false;
    }

    private void SendQueued(IkeSaOutput output)
    {
        while (State is not (IkeSaState.Closed or IkeSaState.Failed) && _tasks.TryDequeue(out IkeTask? task))
        {
            if (task.Prepare(this) is { } failure)
            {
                NoteFailure(failure.Kind, failure.Reason, output);
                Close(output, IkeSaState.Failed);
                return;
            }

            var payloads = new List<Payload>();
            task.BuildRequest(this, payloads);
            uint id = _tasks.NextRequestId;
            IReadOnlyList<byte[]> datagrams = Seal(task.Exchange, id, isResponse: false, payloads);
            if (task.Exchange == ExchangeType.IkeSaInit)
            {
                InitRequest = datagrams[0];
            }

            _tasks.Start(task, id, datagrams);
            Send(output, datagrams);
        }
    }

    private IReadOnlyList<byte[]> Seal(ExchangeType exchange, uint messageId, bool isResponse, List<Payload> payloads)
    {
        IkeHeaderFlags flags = (IsInitiator ? IkeHeaderFlags.Initiator : 0) | (isResponse ? IkeHeaderFlags.Response : 0);
        var header = new IkeHeader(InitiatorSpi, ResponderSpi, PayloadType.None, exchange, flags, messageId, 0);
        if (exchange == ExchangeType.IkeSaInit)
        {
            byte[] plain = new IkeMessage(header, payloads).ToArray();
            if (isResponse)
            {
                InitResponse = plain;
            }

            return [plain];
        }

        byte[] whole = _outbound!.Protect(header, payloads);
        return FragmentationAgreed && whole.Length > Settings.FragmentSize
            ? _outbound.ProtectFragments(header, payloads, Settings.FragmentSize.Value)
            : [whole];
    }

    private void Send(IkeSaOutput output, IReadOnlyList<byte[]> datagrams)
    {
        foreach (byte[] datagram in datagrams)
        {
            output.Datagrams.Add(new OutboundDatagram(datagram, Local, Remote));
        }
    }

    private void Drop(IkeSaOutput output, string reason)
    {
        DroppedCount++;
        output.Log("dropped: " + reason);
    }
}
