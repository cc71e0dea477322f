namespace IpsecTun.Ike.Protection;

public enum ReassemblyStatus
{
    /// <summary>Stored; more fragments are needed.</summary>
    Incomplete,

    /// <summary>The last missing fragment arrived; the message is whole.</summary>
    Complete,

    /// <summary>A fragment already held; ignored.</summary>
    Duplicate,

    /// <summary>Refused: over a limit, inconsistent with the fragments held, or from a superseded retransmission.</summary>
    Rejected,
}
