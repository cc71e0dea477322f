namespace IpsecTun.Ike.Protection;

public enum InboundStatus
{
    /// <summary>The message is whole, decrypted where it was protected, and within its exchange's rules.</summary>
    Complete,

    /// <summary>A fragment was stored (or was a duplicate); the message is not whole yet.</summary>
    FragmentPending,

    /// <summary>The message breaks the format or the rules; the error names the Notify, or a silent drop.</summary>
    Rejected,
}
