using System.Security.Cryptography;

namespace IpsecTun.Ike.Settings;

/// <summary>A pre-shared secret; never printed, zeroed on Dispose.</summary>
public sealed class PreSharedKey : IDisposable
{
    private readonly byte[] _secret;

    public PreSharedKey(ReadOnlySpan<byte> secret) => _secret = secret.ToArray();

    internal ReadOnlySpan<byte> Secret => _secret;

    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    public override string ToString() => "(secret)";
}
