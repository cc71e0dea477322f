namespace IpsecTun.Crypto;

/// <summary>Every key exchange group.</summary>
public static class KeyExchangeGroups
{
    public static IReadOnlyList<KeyExchangeGroup> All { get; } = [];
}
