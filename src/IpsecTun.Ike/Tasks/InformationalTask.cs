using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// INFORMATIONAL (RFC 7296 §1.4): an empty request is a liveness check (DPD); a DELETE of the IKE SA
/// closes it on both sides, a DELETE of Child SAs is answered with the SPIs of their other halves.
/// </summary>
internal sealed class InformationalTask : IkeTask
{
    private readonly List<Payload> _request;
    private readonly List<ChildSaReference> _deleted = [];
    private bool _closeIkeSa;

    public InformationalTask(params Payload[] request) => _request = [.. request];

    public override ExchangeType Exchange => ExchangeType.Informational;

    /// <summary>A request of ours that deletes Child SAs (an IKE SA rekey request meanwhile gets TEMPORARY_FAILURE).</summary>
    public bool DeletesChildSas => _request.OfType<DeletePayload>().Any(d => d.Protocol != ProtocolId.Ike);

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        payloads.AddRange(_request);
        if (_request.OfType<DeletePayload>().Any(d => d.Protocol == ProtocolId.Ike))
        {
            sa.MoveTo(IkeSaState.Deleting);
        }
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        foreach (DeletePayload delete in _request.OfType<DeletePayload>())
        {
            if (delete.Protocol == ProtocolId.Ike)
            {
                sa.Close(output, IkeSaState.Closed);
                return TaskOutcome.Done;
            }

            foreach (uint inbound in delete.Spis)
            {
                sa.RemoveChildSa(child => child.InboundSpi == inbound, output);
            }
        }

        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        foreach (DeletePayload delete in payloads.OfType<DeletePayload>())
        {
            if (delete.Protocol == ProtocolId.Ike)
            {
                _closeIkeSa = true;
                return;
            }

            // The peer names its inbound SPIs, which are our outbound ones (RFC 7296 §1.4.1).
            foreach (uint outbound in delete.Spis)
            {
                if (sa.RemoveChildSa(child => child.Protocol == delete.Protocol && child.OutboundSpi == outbound, output) is { } removed)
                {
                    _deleted.Add(removed);
                }
            }
        }
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_closeIkeSa)
        {
            output.Log("peer deleted the IKE SA");
            sa.Close(output, IkeSaState.Closed);
            return;
        }

        // One Delete payload per protocol, naming the inbound SPIs of our halves.
        foreach (IGrouping<ProtocolId, ChildSaReference> protocol in _deleted.GroupBy(c => c.Protocol))
        {
            payloads.Add(new DeletePayload(protocol.Key, [.. protocol.Select(c => c.InboundSpi)]));
        }
    }
}
