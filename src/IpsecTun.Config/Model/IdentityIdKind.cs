namespace IpsecTun.Config;

/// <summary>The type part of my-id and remote-id (<c>fqdn</c> in <c>fqdn:vpn.example.com</c>).</summary>
public enum IdentityIdKind
{
    Auto,
    Address,
    Fqdn,
    UserFqdn,
    KeyId,
    Dn,

    /// <summary>remote-id only: accept any ID without checking it against the certificate.</summary>
    Ignore,
}
