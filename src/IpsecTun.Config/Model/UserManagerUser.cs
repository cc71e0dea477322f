namespace IpsecTun.Config;

/// <summary>
/// A <c>/user-manager user</c> entry: a user of the built-in EAP server, which answers identities with
/// auth-method=eap-radius when no RADIUS server is configured for the ipsec service.
/// </summary>
public sealed record UserManagerUser(string Name, Secret Password, string? Comment, bool Disabled);
