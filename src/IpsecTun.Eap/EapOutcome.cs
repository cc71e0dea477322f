using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap;

/// <summary>What <see cref="EapPeer"/> or <see cref="EapServer"/> did with one packet.</summary>
public sealed class EapOutcome
{
    private EapOutcome(EapOutcomeKind kind, EapPacket? packet, EapKeys? keys, string? reason)
    {
        Kind = kind;
        Packet = packet;
        Keys = keys;
        Reason = reason;
    }

    public EapOutcomeKind Kind { get; }

    /// <summary>The packet to send, if any.</summary>
    public EapPacket? Packet { get; }

    /// <summary>On success, the method's keys (null if it derives none); the receiver owns and disposes them.</summary>
    public EapKeys? Keys { get; }

    /// <summary>Why authentication failed or the packet was discarded; never contains secrets.</summary>
    public string? Reason { get; }

    internal static EapOutcome Send(EapPacket packet) => new(EapOutcomeKind.Send, packet, null, null);

    internal static EapOutcome Succeeded(EapPacket? packet, EapKeys? keys) => new(EapOutcomeKind.Succeeded, packet, keys, null);

    internal static EapOutcome Failed(EapPacket? packet, string reason) => new(EapOutcomeKind.Failed, packet, null, reason);

    internal static EapOutcome Discarded(string reason) => new(EapOutcomeKind.Discarded, null, null, reason);

    public override string ToString() => Reason is null ? $"{Kind} {Packet}" : $"{Kind} ({Reason})";
}
