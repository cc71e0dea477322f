namespace IpsecTun.Eap;

/// <summary>
/// Finds the credentials of the user an EAP identity names, or null if there is none. The server takes
/// ownership of the returned object and disposes it.
/// </summary>
public delegate EapCredentials? EapUserLookup(string identity);
