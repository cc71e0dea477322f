namespace IpsecTun.Ike.Messages.Rules;

/// <summary>
/// The per-exchange payload table of RFC 7296 §1.2–1.5 (with RFC 4739 multiple authentication and
/// RFC 6023 childless IKE_AUTH), plus IKE_INTERMEDIATE (RFC 9242) and IKE_FOLLOWUP_KE (RFC 9370) for
/// additional key exchanges, checked on every message before any state machine sees it.
/// </summary>
public static class ExchangeRules
{
    private static readonly PayloadRule[] Common = [PayloadRule.Any(PayloadType.Notify), PayloadRule.Any(PayloadType.VendorId)];

    private static readonly PayloadType[] ChildSa =
        [PayloadType.SecurityAssociation, PayloadType.TrafficSelectorInitiator, PayloadType.TrafficSelectorResponder];

    private static readonly PayloadType[] Selectors = [PayloadType.TrafficSelectorInitiator, PayloadType.TrafficSelectorResponder];

    public static IReadOnlyList<ExchangeRule> All { get; } =
    [
        // HDR, SAi1, KEi, Ni -->
        new(ExchangeType.IkeSaInit, false, false,
            [PayloadRule.One(PayloadType.SecurityAssociation), PayloadRule.One(PayloadType.KeyExchange), PayloadRule.One(PayloadType.Nonce), .. Common]),

        // <-- HDR, SAr1, KEr, Nr, [CERTREQ]; or HDR, N (COOKIE, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN)
        new(ExchangeType.IkeSaInit, true, false,
            [PayloadRule.One(PayloadType.SecurityAssociation), PayloadRule.One(PayloadType.KeyExchange), PayloadRule.One(PayloadType.Nonce),
             PayloadRule.Any(PayloadType.CertificateRequest), .. Common],
            ErrorRelaxesMinimums: true),

        // HDR, SK {IDi, [CERT,] [CERTREQ,] [IDr,] AUTH, [CP,] SAi2, TSi, TSr} -->; EAP rounds carry EAP or AUTH alone.
        new(ExchangeType.IkeAuth, false, true,
            [PayloadRule.Optional(PayloadType.IdInitiator), PayloadRule.Any(PayloadType.Certificate), PayloadRule.Any(PayloadType.CertificateRequest),
             PayloadRule.Optional(PayloadType.IdResponder), PayloadRule.Optional(PayloadType.Authentication), PayloadRule.Optional(PayloadType.Eap),
             PayloadRule.Optional(PayloadType.Configuration), PayloadRule.Optional(PayloadType.SecurityAssociation),
             PayloadRule.Optional(PayloadType.TrafficSelectorInitiator), PayloadRule.Optional(PayloadType.TrafficSelectorResponder), .. Common],
            AllOrNone: [ChildSa]),

        // <-- HDR, SK {IDr, [CERT,] AUTH, [CP,] SAr2, TSi, TSr}
        new(ExchangeType.IkeAuth, true, true,
            [PayloadRule.Optional(PayloadType.IdResponder), PayloadRule.Any(PayloadType.Certificate), PayloadRule.Optional(PayloadType.Authentication),
             PayloadRule.Optional(PayloadType.Eap), PayloadRule.Optional(PayloadType.Configuration), PayloadRule.Optional(PayloadType.SecurityAssociation),
             PayloadRule.Optional(PayloadType.TrafficSelectorInitiator), PayloadRule.Optional(PayloadType.TrafficSelectorResponder), .. Common],
            AllOrNone: [ChildSa]),

        // HDR, SK {[N], SA, Ni, [KEi], [TSi, TSr]} -->
        new(ExchangeType.CreateChildSa, false, true,
            [PayloadRule.One(PayloadType.SecurityAssociation), PayloadRule.One(PayloadType.Nonce), PayloadRule.Optional(PayloadType.KeyExchange),
             PayloadRule.Optional(PayloadType.TrafficSelectorInitiator), PayloadRule.Optional(PayloadType.TrafficSelectorResponder), .. Common],
            AllOrNone: [Selectors]),

        // <-- HDR, SK {SA, Nr, [KEr], [TSi, TSr]}; or HDR, SK {N}
        new(ExchangeType.CreateChildSa, true, true,
            [PayloadRule.One(PayloadType.SecurityAssociation), PayloadRule.One(PayloadType.Nonce), PayloadRule.Optional(PayloadType.KeyExchange),
             PayloadRule.Optional(PayloadType.TrafficSelectorInitiator), PayloadRule.Optional(PayloadType.TrafficSelectorResponder), .. Common],
            ErrorRelaxesMinimums: true,
            AllOrNone: [Selectors]),

        // HDR, SK {[N,] [D,] [CP,] ...} <-->
        new(ExchangeType.Informational, false, true,
            [PayloadRule.Any(PayloadType.Delete), PayloadRule.Any(PayloadType.Configuration), .. Common]),
        new(ExchangeType.Informational, true, true,
            [PayloadRule.Any(PayloadType.Delete), PayloadRule.Any(PayloadType.Configuration), .. Common]),

        // HDR, SK {[KEi(n)], ...} <--> HDR, SK {[KEr(n)], ...} (RFC 9242 §3, RFC 9370 §2.2.1)
        new(ExchangeType.IkeIntermediate, false, true, [PayloadRule.Optional(PayloadType.KeyExchange), .. Common]),
        new(ExchangeType.IkeIntermediate, true, true, [PayloadRule.Optional(PayloadType.KeyExchange), .. Common]),

        // HDR, SK {KEi(n), N(ADDITIONAL_KEY_EXCHANGE)} <--> HDR, SK {KEr(n)} or an error (RFC 9370 §2.2.2)
        new(ExchangeType.IkeFollowupKe, false, true, [PayloadRule.One(PayloadType.KeyExchange), .. Common]),
        new(ExchangeType.IkeFollowupKe, true, true, [PayloadRule.One(PayloadType.KeyExchange), .. Common], ErrorRelaxesMinimums: true),
    ];

    public static bool TryGet(ExchangeType exchange, bool isResponse, [NotNullWhen(true)] out ExchangeRule? rule)
    {
        rule = All.FirstOrDefault(r => r.Exchange == exchange && r.IsResponse == isResponse);
        return rule is not null;
    }

    /// <summary>
    /// Checks a parsed message against its exchange's rule. <paramref name="inner"/> are the payloads
    /// decrypted from SK (or reassembled from SKF); null while the message is still sealed, in which
    /// case only the unencrypted framing is checked.
    /// </summary>
    public static bool Check(IkeMessage message, IReadOnlyList<Payload>? inner, out IkeError error)
    {
        IkeHeader header = message.Header;
        if (!TryGet(header.ExchangeType, header.IsResponse, out ExchangeRule? rule))
        {
            error = IkeError.Syntax($"exchange type {(byte)header.ExchangeType} is not supported");
            return false;
        }

        IReadOnlyList<Payload> outer = message.Payloads;
        bool sealedByEncryption = outer.Count == 1 && outer[0].Type is PayloadType.Encrypted or PayloadType.EncryptedFragment;
        if (rule.Encrypted != sealedByEncryption)
        {
            error = IkeError.Syntax(rule.Encrypted ? $"{rule.Exchange} payloads must be inside SK alone" : $"{rule.Exchange} is not encrypted");
            return false;
        }

        if (rule.Encrypted && inner is null)
        {
            error = default;
            return true;
        }

        return CheckCounts(rule, rule.Encrypted ? inner! : outer, out error);
    }

    private static bool CheckCounts(ExchangeRule rule, IReadOnlyList<Payload> payloads, out IkeError error)
    {
        Span<int> counts = stackalloc int[256];
        bool hasError = false;
        foreach (Payload payload in payloads)
        {
            counts[(byte)payload.Type]++;
            hasError |= payload is NotifyPayload { IsError: true } or NotifyPayload { NotifyType: NotifyType.Cookie };
        }

        int allowed = 0;
        foreach (PayloadRule payloadRule in rule.Payloads)
        {
            int count = counts[(byte)payloadRule.Type];
            allowed += count;
            int min = rule.ErrorRelaxesMinimums && hasError ? 0 : payloadRule.Min;
            if (count < min || count > payloadRule.Max)
            {
                error = IkeError.Syntax($"{rule.Exchange} {(rule.IsResponse ? "response" : "request")} carries {count} {payloadRule.Type} payloads");
                return false;
            }
        }

        if (allowed != payloads.Count)
        {
            PayloadType stray = payloads.First(p => !rule.Payloads.Any(r => r.Type == p.Type)).Type;
            error = IkeError.Syntax($"{stray} payload is not allowed in {rule.Exchange}");
            return false;
        }

        foreach (PayloadType[] group in rule.AllOrNone ?? [])
        {
            int present = 0;
            foreach (PayloadType type in group)
            {
                present += counts[(byte)type] > 0 ? 1 : 0;
            }

            if (present != 0 && present != group.Length)
            {
                error = IkeError.Syntax($"{rule.Exchange} carries only part of {string.Join('/', group)}");
                return false;
            }
        }

        error = default;
        return true;
    }
}
