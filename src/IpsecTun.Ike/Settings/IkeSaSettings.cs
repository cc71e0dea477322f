namespace IpsecTun.Ike.Settings;

/// <summary>
/// Everything one IKE SA needs from the configuration, as plain values: IKE proposals in preference
/// order, both identities (a null remote ID accepts any), the pre-shared key, the first Child SA
/// (negotiated in IKE_AUTH) and <paramref name="AdditionalChildren"/> (each created with CREATE_CHILD_SA right
/// after; a responder accepts a request that fits any of them),
/// the IKE SA lifetime, the retransmission policy, the dead peer detection interval (null: off) and
/// whether IKE_AUTH announces INITIAL_CONTACT; with a fragment size, IKE fragmentation (RFC 7383) is
/// offered and larger protected messages go out as SKF fragments of at most that many bytes.
/// With <paramref name="Reauthenticate"/> the original initiator renews the IKE SA at its soft lifetime by
/// reauthentication (RFC 7296 §2.8.3) rather than by rekeying; without DPD it always does, since the
/// manual rekeys phase 1 only with DPD enabled. <paramref name="ModeConfig"/> makes the initiator a
/// mode-config client; <paramref name="ModeConfigAnswer"/> is what a responder assigns to one (fixed values;
/// address pools belong to the server mode).
/// This side authenticates with <paramref name="AuthMethod"/> (a signature needs <paramref name="Certificate"/>)
/// and the peer must use <paramref name="RemoteAuthMethod"/>, by default the same; the peer's certificate
/// is checked as <paramref name="PeerValidation"/> says. With signatures alone the pre-shared key may be empty.
/// When a NAT is on the path the initiator moves IKE to <paramref name="NatTraversalPort"/> on both sides
/// (RFC 7296 §2.23; 4500 unless both ends listen elsewhere). <paramref name="ForceUdpEncapsulation"/> makes
/// this side announce a NAT_DETECTION_SOURCE_IP that cannot match and treat itself as behind a NAT, so ESP
/// goes in UDP although no NAT is there (as strongSwan's encap=yes does), e.g. where raw ESP cannot be sent.
/// With EAP (RFC 7296 §2.16) an initiator creates its EAP peer with <paramref name="EapClient"/> for each IKE SA, and a
/// responder that expects EAP creates the EAP server for each initiator with <paramref name="EapAuthenticator"/>.
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
    bool SendInitialContact = false,
    int? FragmentSize = null,
    bool Reauthenticate = false,
    ModeConfigRequest? ModeConfig = null,
    Sa.ModeConfigResult? ModeConfigAnswer = null,
    IkeAuthMethod AuthMethod = IkeAuthMethod.PreSharedKey,
    IkeAuthMethod? RemoteAuthMethod = null,
    LocalCertificate? Certificate = null,
    PeerCertificateValidation? PeerValidation = null,
    IReadOnlyList<ChildSaSettings>? AdditionalChildren = null,
    int NatTraversalPort = 4500,
    bool ForceUdpEncapsulation = false,
    Func<Eap.IEapClient>? EapClient = null,
    Func<Eap.EapContext, Eap.IEapAuthenticator>? EapAuthenticator = null)
{
    /// <summary>Every Child SA this peer negotiates: <see cref="Child"/> first, then the additional ones, in configured order.</summary>
    public IReadOnlyList<ChildSaSettings> Children => [Child, .. AdditionalChildren ?? []];

    /// <summary>The method the peer must authenticate with.</summary>
    public IkeAuthMethod ExpectedRemoteAuthMethod => RemoteAuthMethod ?? AuthMethod;
}
