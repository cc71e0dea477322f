namespace IpsecTun.Ike.Settings;

/// <summary>How a Child SA encapsulates traffic (RFC 4301 §4.1).</summary>
public enum ChildSaMode
{
    Tunnel,
    Transport,
}
