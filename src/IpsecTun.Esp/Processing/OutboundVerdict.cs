namespace IpsecTun.Esp;

public enum OutboundVerdict : byte
{
    /// <summary>Protected in place: send the packet to the SA's destination.</summary>
    Send,

    /// <summary>No policy, a policy with action none, or level use without an SA: send unchanged.</summary>
    Bypass,

    /// <summary>Dropped and counted.</summary>
    Drop,

    /// <summary>An encrypt policy has no SA: dropped and counted; ask IKE for one.</summary>
    Acquire,
}
