namespace IpsecTun.Esp;

/// <summary>A policy's ph2-state: the progress of key establishment for it.</summary>
public enum Ph2State
{
    /// <summary>no-phase2: no SA has been installed for the policy.</summary>
    NoPhase2,

    /// <summary>established: the policy has a usable SA.</summary>
    Established,

    /// <summary>expired: its SAs reached their hard lifetime and none replaced them.</summary>
    Expired,
}
