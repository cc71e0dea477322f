namespace IpsecTun.Eap;

public enum EapOutcomeKind
{
    /// <summary>Send <see cref="EapOutcome.Packet"/> and wait for the next packet.</summary>
    Send,

    /// <summary>Authentication succeeded; a server also sends <see cref="EapOutcome.Packet"/> (EAP-Success).</summary>
    Succeeded,

    /// <summary>Authentication failed; a server also sends <see cref="EapOutcome.Packet"/> (EAP-Failure).</summary>
    Failed,

    /// <summary>The packet was dropped (malformed, unexpected, or a stale identifier); nothing changes.</summary>
    Discarded,
}
