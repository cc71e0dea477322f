using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>The failure an error Notify from the peer stands for.</summary>
public static class IkeSaFailures
{
    public static IkeSaFailure FromNotify(NotifyType notify) => notify switch
    {
        NotifyType.NoProposalChosen or NotifyType.InvalidKePayload => IkeSaFailure.NoProposalChosen,
        NotifyType.AuthenticationFailed => IkeSaFailure.AuthenticationFailed,
        NotifyType.TsUnacceptable => IkeSaFailure.TsUnacceptable,
        NotifyType.TemporaryFailure => IkeSaFailure.TemporaryFailure,
        _ => IkeSaFailure.ProtocolError,
    };
}
