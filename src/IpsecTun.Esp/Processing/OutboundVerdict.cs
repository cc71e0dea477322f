namespace IpsecTun.Esp;

public enum OutboundVerdict : byte
{
    /// <summary>Protected in place: send the packet to the SA's destination.</summary>
    Send,

    /// <summary>No policy, a policy with action none, or level use without an SA: send unchanged.</summary>
    Bypass,

    /// <summary>Dropped and counted.</summary>
    Drop,

    /// <summary>
    /// Not protected: with its SA's headers the packet would exceed the path MTU, and it must not be
    /// fragmented (IPv4 with DF, or IPv6). Its sender is to be told <see cref="SecurityAssociation.InnerMtu"/>.
    /// </summary>
    TooBig,

    /// <summary>An encrypt policy has no SA: dropped and counted; ask IKE for one.</summary>
    Acquire,
}
