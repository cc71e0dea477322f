namespace IpsecTun.Ike.Messages;

/// <summary>
/// Why a message was rejected, as the Notify RFC 7296 prescribes for it. <see cref="Data"/> is the
/// notification data to send (the payload type for UNSUPPORTED_CRITICAL_PAYLOAD, else empty).
/// Whether the Notify is actually sent is the state machine's decision (RFC 7296 §2.21).
/// </summary>
public readonly record struct IkeError(NotifyType Notify, byte Data = 0, string Reason = "")
{
    public static IkeError Syntax(string reason) => new(NotifyType.InvalidSyntax, 0, reason);

    public static IkeError UnsupportedCritical(PayloadType type) =>
        new(NotifyType.UnsupportedCriticalPayload, (byte)type, "unsupported critical payload");

    public static IkeError MajorVersion => new(NotifyType.InvalidMajorVersion, 0, "major version is not 2");

    /// <summary>A message to drop without an answer: one that fails its integrity check (RFC 7296 §2.21.2) or cannot be placed.</summary>
    public static IkeError Drop(string reason) => new(0, 0, reason);

    /// <summary>True when no Notify may be sent for this error.</summary>
    public bool IsSilentDrop => Notify == 0;

    /// <summary>The notification data to carry in the answering Notify payload.</summary>
    public byte[] GetNotificationData() =>
        Notify == NotifyType.UnsupportedCriticalPayload ? [Data] : [];
}
