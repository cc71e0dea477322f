using System.Security.Cryptography;
using System.Text;

namespace IpsecTun.Crypto;

/// <summary>
/// HMAC on libcrypto's EVP_MAC, keyed once per SA. Each message re-initialises the context without a key,
/// which restores the keyed inner and outer hash states without rehashing the key and without the
/// per-call overhead of <see cref="IncrementalHash"/>; nothing is allocated per message.
/// </summary>
internal sealed unsafe class LibCryptoHmac : KeyedHash
{
    /// <summary>The largest digest among MD5 and SHA-1/2: SHA-512's 64 bytes.</summary>
    private const int MaxDigestSize = 64;

    private static readonly nint Mac = LibCryptoCiphers.TryFetchMac("HMAC");

    private readonly EvpMacContext _context;

    private LibCryptoHmac(EvpMacContext context, int outputSize)
    {
        _context = context;
        OutputSize = outputSize;
    }

    public static bool IsAvailable => Mac != 0;

    public override int OutputSize { get; }

    /// <summary>Keys a context for <paramref name="hash"/>; null when libcrypto is missing or refuses the digest.</summary>
    public static LibCryptoHmac? TryCreate(HashAlgorithmName hash, int outputSize, ReadOnlySpan<byte> key)
    {
        if (Mac == 0 || outputSize > MaxDigestSize)
        {
            return null;
        }

        var context = LibCrypto.MacContextNew(Mac);
        if (context.IsInvalid || !TryKey(context, hash, key))
        {
            LibCrypto.ClearErrors();
            context.Dispose();
            return null;
        }

        return new LibCryptoHmac(context, outputSize);
    }

    public override void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        fixed (byte* d = data)
        {
            Check(LibCrypto.MacUpdate(_context, d, (nuint)data.Length));
        }
    }

    public override void Finish(Span<byte> output)
    {
        if (output.Length >= OutputSize)
        {
            FinishInto(output);
        }
        else
        {
            Span<byte> full = stackalloc byte[MaxDigestSize];
            FinishInto(full);
            full[..output.Length].CopyTo(output);
            CryptographicOperations.ZeroMemory(full);
        }

        // A NULL key keeps the one set at creation and restarts from the keyed state.
        Check(LibCrypto.MacInit(_context, null, 0, null));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _context.Dispose();
        }
    }

    private static bool TryKey(EvpMacContext context, HashAlgorithmName hash, ReadOnlySpan<byte> key)
    {
        Span<byte> digest = stackalloc byte[32];
        int length = Encoding.ASCII.GetBytes(hash.Name, digest[..^1]);
        digest[length] = 0;

        // An empty span pins to NULL, which EVP_MAC_init reads as "keep the old key": point at a dummy byte.
        byte empty = 0;
        fixed (byte* name = digest)
        fixed (byte* parameterName = "digest\0"u8)
        fixed (byte* k = key)
        {
            OsslParam* parameters = stackalloc OsslParam[2];
            parameters[0] = OsslParam.Utf8String(parameterName, name, length);
            parameters[1] = default;
            return LibCrypto.MacInit(context, key.IsEmpty ? &empty : k, (nuint)key.Length, parameters) > 0;
        }
    }

    /// <summary>Fails loudly: HMAC over bytes already in memory fails only when libcrypto itself breaks.</summary>
    private static void Check(int result)
    {
        if (result <= 0)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto refused an HMAC operation.");
        }
    }

    private void FinishInto(Span<byte> output)
    {
        nuint written;
        fixed (byte* o = output)
        {
            Check(LibCrypto.MacFinal(_context, o, &written, (nuint)output.Length));
        }
    }
}
