namespace IpsecTun.Crypto;

/// <summary>Every integrity transform.</summary>
public static class IntegrityAlgorithms
{
    public static IReadOnlyList<IntegrityAlgorithm> All { get; } = [];
}
