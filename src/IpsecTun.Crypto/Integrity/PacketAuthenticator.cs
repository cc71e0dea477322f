using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// Computes and checks truncated ICVs. Verification compares in constant time. Allocation-free per
/// packet; one thread at a time.
/// </summary>
public sealed class PacketAuthenticator : IDisposable
{
    private readonly KeyedHash _mac;

    internal PacketAuthenticator(IntegrityAlgorithm algorithm, KeyedHash mac)
    {
        Algorithm = algorithm;
        _mac = mac;
    }

    public IntegrityAlgorithm Algorithm { get; }

    public int IcvSize => Algorithm.IcvSize;

    public void Append(ReadOnlySpan<byte> data) => _mac.Append(data);

    /// <summary>Writes the <see cref="IcvSize"/>-byte ICV of everything appended, and resets.</summary>
    public void Finish(Span<byte> icv) => _mac.Finish(icv[..IcvSize]);

    /// <summary>Finishes and compares with <paramref name="icv"/> in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> icv)
    {
        Span<byte> computed = stackalloc byte[IcvSize];
        _mac.Finish(computed);
        bool equal = icv.Length == IcvSize && CryptographicOperations.FixedTimeEquals(computed, icv);
        CryptographicOperations.ZeroMemory(computed);
        return equal;
    }

    public void Dispose() => _mac.Dispose();
}
