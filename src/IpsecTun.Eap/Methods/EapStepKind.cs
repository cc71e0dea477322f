namespace IpsecTun.Eap.Methods;

public enum EapStepKind
{
    /// <summary>The method goes on: send <see cref="EapMethodStep.Data"/>.</summary>
    Continue,

    /// <summary>The method succeeded (a peer still sends <see cref="EapMethodStep.Data"/> if any).</summary>
    Done,

    /// <summary>The method failed for <see cref="EapMethodStep.Reason"/> (a peer may still send an acknowledgement).</summary>
    Fail,

    /// <summary>The packet was malformed or unexpected and is silently dropped (RFC 3748 §2.1).</summary>
    Discard,
}
