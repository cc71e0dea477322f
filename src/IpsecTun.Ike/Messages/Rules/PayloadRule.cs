namespace IpsecTun.Ike.Messages.Rules;

/// <summary>How many payloads of <paramref name="Type"/> one message may carry.</summary>
public readonly record struct PayloadRule(PayloadType Type, int Min, int Max)
{
    public const int Unbounded = int.MaxValue;

    public static PayloadRule One(PayloadType type) => new(type, 1, 1);

    public static PayloadRule Optional(PayloadType type) => new(type, 0, 1);

    public static PayloadRule Any(PayloadType type) => new(type, 0, Unbounded);
}
