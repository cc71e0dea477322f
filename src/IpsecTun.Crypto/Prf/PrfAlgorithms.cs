namespace IpsecTun.Crypto;

/// <summary>Every PRF transform.</summary>
public static class PrfAlgorithms
{
    public static IReadOnlyList<PrfAlgorithm> All { get; } = [];
}
