namespace IpsecTun.Ike.Settings;

/// <summary>
/// Everything one IKE SA needs from the configuration, as plain values: IKE proposals in preference
/// order, both identities (a null remote ID accepts any), the pre-shared key, the first Child SA,
/// the IKE SA lifetime, the retransmission policy, the dead peer detection interval (null: off) and
/// whether IKE_AUTH announces INITIAL_CONTACT.
/// </summary>
public sealed record IkeSaSettings(
    IReadOnlyList<IkeProposalSettings> Proposals,
    IkeIdentity LocalId,
    IkeIdentity? RemoteId,
    PreSharedKey PreSharedKey,
    ChildSaSettings Child,
    TimeSpan Lifetime,
    RetransmissionSettings Retransmission,
    TimeSpan? DpdInterval = null,
    bool SendInitialContact = false);
