namespace IpsecTun.Ike.Sa;

public enum IkeSaEventKind
{
    /// <summary>A diagnostic line, such as why a proposal was rejected.</summary>
    Log,
    Established,
    ChildSaInstalled,
    ChildSaFailed,
    ChildSaDeleted,
    Failed,
    PeerDead,
    Closed,
}
