using System.Security.Cryptography;

namespace IpsecTun.Crypto;

/// <summary>
/// HMAC (RFC 2104) over the platform's hash: the same type serves as an integrity MAC and as a PRF.
/// <see cref="IncrementalHash"/> writing into a caller's span keeps it allocation-free per message.
/// </summary>
internal sealed class HmacKeyedHash : KeyedHash
{
    /// <summary>The largest digest among MD5 and SHA-1/2: SHA-512's 64 bytes.</summary>
    private const int MaxDigestSize = 64;

    private readonly IncrementalHash _hmac;

    public HmacKeyedHash(HashAlgorithmName hash, int outputSize, ReadOnlySpan<byte> key)
    {
        OutputSize = outputSize;
        _hmac = IncrementalHash.CreateHMAC(hash, key);
    }

    public override int OutputSize { get; }

    public override void Append(ReadOnlySpan<byte> data) => _hmac.AppendData(data);

    public override void Finish(Span<byte> output)
    {
        if (output.Length >= OutputSize)
        {
            _hmac.GetHashAndReset(output);
            return;
        }

        Span<byte> full = stackalloc byte[MaxDigestSize];
        _hmac.GetHashAndReset(full);
        full[..output.Length].CopyTo(output);
        CryptographicOperations.ZeroMemory(full);
    }

    /// <remarks>Disposing the <see cref="IncrementalHash"/> frees the native HMAC context, which clears its key.</remarks>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hmac.Dispose();
        }
    }
}
