using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Messages.Rules;

namespace IpsecTun.Ike.Protection;

/// <summary>
/// The one path a parsed message takes before a state machine sees it: the exchange's framing rules,
/// then SK decryption, or SKF decryption and reassembly, with the keys of the peer's direction, then the
/// exchange's payload rules on what was inside. One instance per IKE SA and direction.
/// </summary>
public sealed class InboundMessageReader
{
    private readonly SkProtection? _protection;
    private readonly FragmentReassembler _reassembler;

    /// <summary>
    /// <paramref name="protection"/> holds the peer's SK_e/SK_a, or is null while no keys exist (then only
    /// IKE_SA_INIT can be read); <paramref name="reassembler"/> collects this direction's SKF fragments.
    /// </summary>
    public InboundMessageReader(SkProtection? protection, FragmentReassembler reassembler)
    {
        _protection = protection;
        _reassembler = reassembler;
    }

    /// <summary>
    /// Reads <paramref name="message"/>, parsed from <paramref name="datagram"/>, into <paramref name="payloads"/>:
    /// the payloads inside SK or reassembled from SKF, or the message's own for IKE_SA_INIT.
    /// </summary>
    public InboundStatus Read(ReadOnlySpan<byte> datagram, IkeMessage message, List<Payload> payloads, out IkeError error)
    {
        payloads.Clear();
        if (!ExchangeRules.Check(message, null, out error))
        {
            return InboundStatus.Rejected;
        }

        if (message.Encrypted is null && message.Fragment is null)
        {
            payloads.AddRange(message.Payloads);
        }
        else if (_protection is null)
        {
            error = IkeError.Drop("no keys for a protected message");
            return InboundStatus.Rejected;
        }
        else if (message.Encrypted is not null)
        {
            if (!_protection.TryOpen(datagram, message, payloads, out error))
            {
                return InboundStatus.Rejected;
            }
        }
        else if (!TryReassemble(datagram, message, payloads, out error, out bool pending))
        {
            return pending ? InboundStatus.FragmentPending : InboundStatus.Rejected;
        }

        return ExchangeRules.Check(message, payloads, out error) ? InboundStatus.Complete : InboundStatus.Rejected;
    }

    private bool TryReassemble(ReadOnlySpan<byte> datagram, IkeMessage message, List<Payload> payloads, out IkeError error, out bool pending)
    {
        pending = false;
        if (!_protection!.TryDecryptContent(datagram, message, out byte[]? content))
        {
            error = IkeError.Drop("SKF fragment failed its integrity check or padding");
            return false;
        }

        switch (_reassembler.Add(message.Header.MessageId, message.Fragment!, content, out ReassembledMessage? whole))
        {
            case ReassemblyStatus.Complete:
                return PayloadChain.TryParse(whole!.Payloads.Span, whole.FirstPayload, insideEncrypted: true, payloads, out error);
            case ReassemblyStatus.Rejected:
                error = IkeError.Drop("SKF fragment outside the reassembly limits");
                return false;
            default:
                error = default;
                pending = true;
                return false;
        }
    }
}
