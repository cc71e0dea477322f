namespace IpsecTun.Esp;

/// <summary>The state an installed SA shows.</summary>
public enum SaState
{
    /// <summary>SPI reserved for an exchange in progress; no keys yet, packets for it are dropped.</summary>
    Larval,

    /// <summary>Keyed and in use.</summary>
    Mature,

    /// <summary>The soft lifetime passed: still in use while IKE rekeys.</summary>
    Dying,

    /// <summary>The hard lifetime passed or the sequence numbers ran out: no longer used, removed at the next tick.</summary>
    Dead,
}
