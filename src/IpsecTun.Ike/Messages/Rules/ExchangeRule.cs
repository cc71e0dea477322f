namespace IpsecTun.Ike.Messages.Rules;

/// <summary>
/// What one message of an exchange (request or response) may carry: the payloads and their counts,
/// whether they travel inside SK, and groups that appear together or not at all.
/// <see cref="Encrypted"/>: every payload must be inside SK (or SKF); when false SK is not allowed.
/// <see cref="ErrorRelaxesMinimums"/>: a response that may carry only an error Notify (or a COOKIE)
/// instead of its usual payloads.
/// </summary>
public sealed record ExchangeRule(
    ExchangeType Exchange,
    bool IsResponse,
    bool Encrypted,
    IReadOnlyList<PayloadRule> Payloads,
    bool ErrorRelaxesMinimums = false,
    IReadOnlyList<PayloadType[]>? AllOrNone = null);
