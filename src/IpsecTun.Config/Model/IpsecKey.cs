namespace IpsecTun.Config;

/// <summary>
/// An <c>/ip ipsec key</c> entry. RouterOS imports keys with a command; here the entry names the file.
/// Keys serve auth-method=rsa-key, which is IKEv1 only, so identities cannot use them yet.
/// </summary>
public sealed record IpsecKey(string Name, string File);
