namespace IpsecTun.Config;

/// <summary>A policy's action on matching packets.</summary>
public enum PolicyAction
{
    Discard,
    Encrypt,
    None,
}
