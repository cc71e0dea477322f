namespace IpsecTun.Config.Values;

/// <summary>
/// The RouterOS spellings of the model's enumerations, in the manual's order (the order "allowed:"
/// lists them in), and the IKEv1 names that are refused with a reason rather than as unknown.
/// </summary>
internal static class RouterOsNames
{
    public static readonly IReadOnlyDictionary<string, ProposalCheck> ProposalChecks = new Dictionary<string, ProposalCheck>
    {
        ["claim"] = ProposalCheck.Claim, ["exact"] = ProposalCheck.Exact, ["obey"] = ProposalCheck.Obey, ["strict"] = ProposalCheck.Strict,
    };

    public static readonly IReadOnlyDictionary<string, EapMethod> EapMethods = new Dictionary<string, EapMethod>
    {
        ["eap-mschapv2"] = EapMethod.EapMschapv2, ["eap-peap"] = EapMethod.EapPeap,
        ["eap-tls"] = EapMethod.EapTls, ["eap-ttls"] = EapMethod.EapTtls,
        ["eap-md5"] = EapMethod.EapMd5, ["eap-gtc"] = EapMethod.EapGtc,
    };

    public static readonly IReadOnlyDictionary<string, GeneratePolicy> GeneratePolicies = new Dictionary<string, GeneratePolicy>
    {
        ["no"] = GeneratePolicy.No, ["port-override"] = GeneratePolicy.PortOverride, ["port-strict"] = GeneratePolicy.PortStrict,
    };

    public static readonly IReadOnlyDictionary<string, MatchBy> MatchBys = new Dictionary<string, MatchBy>
    {
        ["remote-id"] = MatchBy.RemoteId, ["certificate"] = MatchBy.Certificate,
    };

    public static readonly IReadOnlyDictionary<string, PolicyAction> PolicyActions = new Dictionary<string, PolicyAction>
    {
        ["discard"] = PolicyAction.Discard, ["encrypt"] = PolicyAction.Encrypt, ["none"] = PolicyAction.None,
    };

    public static readonly IReadOnlyDictionary<string, PolicyLevel> PolicyLevels = new Dictionary<string, PolicyLevel>
    {
        ["require"] = PolicyLevel.Require, ["unique"] = PolicyLevel.Unique, ["use"] = PolicyLevel.Use,
    };

    public static readonly IReadOnlyDictionary<string, IpsecProtocol> IpsecProtocols = new Dictionary<string, IpsecProtocol>
    {
        ["esp"] = IpsecProtocol.Esp, ["ah"] = IpsecProtocol.Ah,
    };

    public static readonly IReadOnlyDictionary<string, ExtendedSequenceNumberUse> ExtendedSequenceNumberUses = new Dictionary<string, ExtendedSequenceNumberUse>
    {
        ["no"] = ExtendedSequenceNumberUse.No, ["yes"] = ExtendedSequenceNumberUse.Yes, ["allowed"] = ExtendedSequenceNumberUse.Allowed,
    };

    private static readonly IReadOnlyDictionary<string, AuthMethod> AuthMethods = new Dictionary<string, AuthMethod>
    {
        ["digital-signature"] = AuthMethod.DigitalSignature, ["eap"] = AuthMethod.Eap,
        ["eap-radius"] = AuthMethod.EapRadius, ["pre-shared-key"] = AuthMethod.PreSharedKey,
    };

    private static readonly string[] Ikev1AuthMethods = ["pre-shared-key-xauth", "rsa-key", "rsa-signature-hybrid"];

    private static readonly string[] Ikev1ExchangeModes = ["main", "aggressive", "base"];

    public static ExchangeMode ParseExchangeMode(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s == "ike2")
        {
            return ExchangeMode.Ike2;
        }

        if (Ikev1ExchangeModes.Contains(s))
        {
            throw new InvalidValueException(
                $"\"{s}\" is an IKEv1 exchange mode, which ipsectun does not implement; use exchange-mode=ike2");
        }

        throw new InvalidValueException(
            $"\"{text}\" is not allowed; allowed: ike2 (main, aggressive and base are IKEv1, which ipsectun does not implement)");
    }

    public static AuthMethod ParseAuthMethod(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (Ikev1AuthMethods.Contains(s))
        {
            throw new InvalidValueException(
                $"\"{s}\" exists only in IKEv1, which ipsectun does not implement; allowed: {string.Join(", ", AuthMethods.Keys)}");
        }

        return RouterOsValue.ParseName(text, AuthMethods);
    }

    /// <summary>extended-sequence-numbers: no, yes or allowed; JSON's false and true stand for no and yes as in every yes/no property.</summary>
    public static ExtendedSequenceNumberUse ParseExtendedSequenceNumbers(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" => ExtendedSequenceNumberUse.Yes,
        "false" => ExtendedSequenceNumberUse.No,
        _ => RouterOsValue.ParseName(text, ExtendedSequenceNumberUses),
    };

    /// <summary>my-id: auto, address, fqdn:…, user-fqdn:…, key-id:…, dn:… (address takes an optional value).</summary>
    public static IdentityId ParseMyId(string text) => ParseIdentityId(text, allowIgnore: false);

    /// <summary>remote-id: as my-id, plus ignore.</summary>
    public static IdentityId ParseRemoteId(string text) => ParseIdentityId(text, allowIgnore: true);

    private static IdentityId ParseIdentityId(string text, bool allowIgnore)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kindText = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var value = colon < 0 ? null : text[(colon + 1)..];
        IdentityIdKind? kind = kindText switch
        {
            "auto" => IdentityIdKind.Auto,
            "address" => IdentityIdKind.Address,
            "fqdn" => IdentityIdKind.Fqdn,
            "user-fqdn" => IdentityIdKind.UserFqdn,
            "key-id" => IdentityIdKind.KeyId,
            "dn" => IdentityIdKind.Dn,
            "ignore" when allowIgnore => IdentityIdKind.Ignore,
            _ => null,
        };
        var allowed = allowIgnore
            ? "auto, ignore, address[:IP], fqdn:NAME, user-fqdn:USER@DOMAIN, key-id:ID, dn:DN"
            : "auto, address[:IP], fqdn:NAME, user-fqdn:USER@DOMAIN, key-id:ID, dn:DN";
        if (kind is null)
        {
            throw new InvalidValueException($"\"{text}\" is not allowed; allowed: {allowed}");
        }

        var needsValue = kind is IdentityIdKind.Fqdn or IdentityIdKind.UserFqdn or IdentityIdKind.KeyId or IdentityIdKind.Dn;
        var takesValue = needsValue || kind == IdentityIdKind.Address;
        if ((needsValue && string.IsNullOrEmpty(value)) || (!takesValue && value is not null))
        {
            throw new InvalidValueException($"\"{text}\" is not allowed; allowed: {allowed}");
        }

        if (kind == IdentityIdKind.Address && value is not null)
        {
            AddressParser.ParseAddress(value);
        }

        return new IdentityId(kind.Value, value);
    }
}
