namespace IpsecTun.Config;

/// <summary>
/// An <c>eap-user</c> entry: a user of the built-in EAP server, which answers identities with
/// auth-method=eap-radius when no RADIUS server is configured for the ipsec service.
/// </summary>
public sealed record EapUser(string Name, Secret Password, string? Comment, bool Disabled);
