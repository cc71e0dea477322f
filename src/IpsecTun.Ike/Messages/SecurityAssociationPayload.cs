namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Security Association payload (RFC 7296 §3.3): one or more proposals, numbered from 1.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                          &lt;Proposals&gt;                          ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class SecurityAssociationPayload : Payload
{
    public SecurityAssociationPayload(IReadOnlyList<Proposal> proposals)
        : base(PayloadType.SecurityAssociation) => Proposals = proposals;

    public IReadOnlyList<Proposal> Proposals { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SecurityAssociationPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => Proposals.Sum(p => p.GetSize());

    public override void WriteBody(Span<byte> destination)
    {
        int offset = 0;
        for (int i = 0; i < Proposals.Count; i++)
        {
            offset += Proposals[i].WriteTo(destination[offset..], i == Proposals.Count - 1);
        }
    }

    private static SecurityAssociationPayload? ParseBody(ReadOnlySpan<byte> body)
    {
        var proposals = new List<Proposal>();
        bool lastSeen = false;
        while (!body.IsEmpty)
        {
            if (lastSeen || !Proposal.TryParse(body, out Proposal? proposal, out lastSeen, out int used))
            {
                return null;
            }

            // The first proposal is number 1; each next one repeats or increments it (RFC 7296 §3.3.1).
            int previous = proposals.Count == 0 ? 0 : proposals[^1].Number;
            if (proposal!.Number != previous + 1 && !(proposals.Count > 0 && proposal.Number == previous))
            {
                return null;
            }

            proposals.Add(proposal);
            body = body[used..];
        }

        return lastSeen ? new SecurityAssociationPayload(proposals) : null;
    }
}
