namespace IpsecTun.Config;

/// <summary>
/// A my-id or remote-id value: a type and, except for <c>auto</c> and <c>ignore</c>, the ID itself
/// (<c>user-fqdn:alice@example.com</c>). <c>address</c> without a value means the IKE address in use.
/// </summary>
public sealed record IdentityId(IdentityIdKind Kind, string? Value)
{
    public static IdentityId Auto { get; } = new(IdentityIdKind.Auto, null);

    public override string ToString() => Value is null ? KindName(Kind) : $"{KindName(Kind)}:{Value}";

    internal static string KindName(IdentityIdKind kind) => kind switch
    {
        IdentityIdKind.Auto => "auto",
        IdentityIdKind.Address => "address",
        IdentityIdKind.Fqdn => "fqdn",
        IdentityIdKind.UserFqdn => "user-fqdn",
        IdentityIdKind.KeyId => "key-id",
        IdentityIdKind.Dn => "dn",
        _ => "ignore",
    };
}
