namespace IpsecTun.Config;

/// <summary>The virtual adapter ipsectun creates for tunnelled traffic.</summary>
public sealed record InterfaceSettings(string Name, int Mtu);
