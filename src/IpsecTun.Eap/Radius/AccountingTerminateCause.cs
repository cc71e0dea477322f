namespace IpsecTun.Eap.Radius;

/// <summary>The Acct-Terminate-Cause values (RFC 2866 §5.10) an IPsec gateway reports when a session ends.</summary>
public enum AccountingTerminateCause : uint
{
    /// <summary>The client deleted its IKE SA.</summary>
    UserRequest = 1,

    /// <summary>The client stopped answering (dead peer detection) or came back under a new IKE SA.</summary>
    LostCarrier = 2,

    /// <summary>An administrator ended the session (disconnect, kill-connections, a reload that removed it).</summary>
    AdminReset = 6,

    /// <summary>The endpoint is shutting down.</summary>
    AdminReboot = 7,

    /// <summary>The IKE SA failed (an exchange timed out or was refused).</summary>
    NasError = 9,
}
