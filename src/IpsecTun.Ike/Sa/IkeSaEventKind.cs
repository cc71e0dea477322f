namespace IpsecTun.Ike.Sa;

public enum IkeSaEventKind
{
    /// <summary>A diagnostic line, such as why a proposal was rejected.</summary>
    Log,
    Established,

    /// <summary>The peer sent INITIAL_CONTACT: the host deletes every other IKE SA with this identity (RFC 7296 §2.4).</summary>
    InitialContact,
    /// <summary>A new IKE SA (see <see cref="IkeSaOutput.CreatedIkeSas"/>) took over from this one by rekey or reauthentication.</summary>
    Rekeyed,
    /// <summary>CFG_REPLY arrived: <see cref="IkeSa.ModeConfig"/> holds the virtual addresses, DNS servers and networks to apply.</summary>
    ModeConfigReceived,
    ChildSaInstalled,
    ChildSaFailed,
    ChildSaDeleted,
    Failed,
    PeerDead,
    Closed,

    /// <summary>Why the peer, or this side, did not authenticate (certificate, AUTH, EAP): the line the log must show.</summary>
    AuthenticationFailed,
}
