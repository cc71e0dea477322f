using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The traffic selectors a responder that generates policies agrees on (TSi, TSr), each a subset of what the
/// initiator proposed; both empty when no template admits the proposal.
/// </summary>
public sealed record GeneratedSelectors(IReadOnlyList<TrafficSelector> Initiator, IReadOnlyList<TrafficSelector> Responder)
{
    public static GeneratedSelectors Refused { get; } = new([], []);

    public bool IsRefused => Initiator.Count == 0 || Responder.Count == 0;
}
