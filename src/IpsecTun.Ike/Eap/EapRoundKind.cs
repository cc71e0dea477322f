namespace IpsecTun.Ike.Eap;

/// <summary>What an EAP conversation did with the last packet it was given.</summary>
public enum EapRoundKind
{
    /// <summary>Send <see cref="EapRound.Message"/> to the other side and wait for its answer.</summary>
    Send,

    /// <summary>
    /// The answer comes later (a RADIUS server is asked): the IKE SA holds the peer's request unanswered until the
    /// host hands the answer to <see cref="Sa.IkeSa.ResumeEap"/>.
    /// </summary>
    Pending,

    /// <summary>Authentication succeeded; a server sends <see cref="EapRound.Message"/> (EAP-Success).</summary>
    Succeeded,

    /// <summary>Authentication failed for <see cref="EapRound.Reason"/>; a server sends <see cref="EapRound.Message"/> (EAP-Failure).</summary>
    Failed,
}
