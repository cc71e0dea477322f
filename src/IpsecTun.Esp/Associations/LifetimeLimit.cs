namespace IpsecTun.Esp;

public enum LifetimeLimit
{
    /// <summary>Time for IKE to rekey; the SA stays in use.</summary>
    Soft,

    /// <summary>The SA is no longer used.</summary>
    Hard,
}
