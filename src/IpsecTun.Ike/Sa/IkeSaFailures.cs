using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>The failure an error Notify from the peer stands for.</summary>
public static class IkeSaFailures
{
    public static IkeSaFailureKind FromNotify(NotifyType notify) => notify switch
    {
        NotifyType.NoProposalChosen or NotifyType.InvalidKePayload => IkeSaFailureKind.NoProposalChosen,
        NotifyType.AuthenticationFailed => IkeSaFailureKind.RejectedByPeer,
        NotifyType.TsUnacceptable => IkeSaFailureKind.TsUnacceptable,
        NotifyType.TemporaryFailure => IkeSaFailureKind.TemporaryFailure,
        _ => IkeSaFailureKind.ProtocolError,
    };
}
