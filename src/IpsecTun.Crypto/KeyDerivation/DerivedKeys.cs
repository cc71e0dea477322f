using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// A block of keying material taken from one prf+ run and handed out as slices. Disposing zeroes it;
/// a slice read afterwards throws rather than yield zeros that look like a key.
/// </summary>
public abstract class DerivedKeys : IDisposable
{
    private readonly byte[] _material;
    private bool _disposed;

    private protected DerivedKeys(int length)
    {
        _material = new byte[length];
    }

    private protected int Length => _material.Length;

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_material);
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Fills the material with prf+(<paramref name="key"/>, seed1 | seed2 | seed3 | seed4).</summary>
    private protected void Expand(
        PrfAlgorithm prf, ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed1, ReadOnlySpan<byte> seed2,
        ReadOnlySpan<byte> seed3, ReadOnlySpan<byte> seed4 = default)
    {
        byte[] seed = SecretConcatenation.Join(seed1, seed2, seed3, seed4);
        try
        {
            using KeyedHash mac = prf.Create(key);
            PrfPlus.Expand(mac, seed, _material);
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private protected ReadOnlySpan<byte> Slice(int offset, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _material.AsSpan(offset, length);
    }
}
