namespace IpsecTun.Eap.Methods;

/// <summary>What one method does with one packet: the type data to send next, and whether it has finished.</summary>
public sealed class EapMethodStep
{
    private EapMethodStep(EapStepKind kind, byte[]? data, EapKeys? keys, string? reason)
    {
        Kind = kind;
        Data = data;
        Keys = keys;
        Reason = reason;
    }

    public EapStepKind Kind { get; }

    /// <summary>Type data of the packet to send, or null when nothing is sent.</summary>
    public byte[]? Data { get; }

    /// <summary>The exported keys on success, null for methods that derive none (MD5-Challenge, GTC).</summary>
    public EapKeys? Keys { get; }

    public string? Reason { get; }

    public static EapMethodStep Continue(byte[] data) => new(EapStepKind.Continue, data, null, null);

    public static EapMethodStep Done(byte[]? data, EapKeys? keys) => new(EapStepKind.Done, data, keys, null);

    public static EapMethodStep Fail(string reason, byte[]? data = null) => new(EapStepKind.Fail, data, null, reason);

    public static EapMethodStep Discard(string reason) => new(EapStepKind.Discard, null, null, reason);
}
