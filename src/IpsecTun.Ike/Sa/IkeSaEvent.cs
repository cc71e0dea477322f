namespace IpsecTun.Ike.Sa;

/// <summary>
/// Something the host should know or log; the message never contains key material. Failed, PeerDead and
/// ChildSaFailed events name their <see cref="Failure"/>, so a host need not read the message.
/// </summary>
public sealed record IkeSaEvent(IkeSaEventKind Kind, string Message, IkeSaFailureKind? Failure = null);
