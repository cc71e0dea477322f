using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace IpsecTun.Crypto;

/// <summary>
/// One keyed EVP_CIPHER_CTX for one direction. It is keyed once; each packet only sets a new IV and runs
/// update and final. Freeing it makes libcrypto cleanse the key schedule.
/// </summary>
internal sealed unsafe class EvpCipherContext : SafeHandleZeroOrMinusOneIsInvalid
{
    public EvpCipherContext()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Creates a context keyed for one direction; <paramref name="configure"/> runs between choosing the cipher and setting the key.</summary>
    public static EvpCipherContext Create(nint cipher, ReadOnlySpan<byte> key, bool encrypt, Action<EvpCipherContext>? configure = null)
    {
        var context = LibCrypto.CipherContextNew();
        if (context.IsInvalid)
        {
            context.Dispose();
            throw new CryptographicException("EVP_CIPHER_CTX_new failed.");
        }

        try
        {
            int direction = encrypt ? 1 : 0;
            Check(Succeeded(LibCrypto.CipherInit(context, cipher, 0, null, null, direction)));
            configure?.Invoke(context);
            fixed (byte* k = key)
            {
                Check(Succeeded(LibCrypto.CipherInit(context, 0, 0, k, null, direction)));
            }

            // ESP pads by itself; CBC must not add PKCS#7 padding of its own.
            Check(Succeeded(LibCrypto.CipherContextSetPadding(context, 0)));
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Fails loudly: used while keying and while encrypting our own packets, never on network input.</summary>
    public static void Check(bool succeeded)
    {
        if (!succeeded)
        {
            throw new CryptographicException("libcrypto refused a cipher operation.");
        }
    }

    public bool SetIv(ReadOnlySpan<byte> iv)
    {
        fixed (byte* v = iv)
        {
            return Succeeded(LibCrypto.CipherInit(this, 0, 0, null, v, -1));
        }
    }

    public bool Control(int type, int argument, void* pointer) => Succeeded(LibCrypto.CipherContextControl(this, type, argument, pointer));

    /// <summary>Feeds associated data (no output).</summary>
    public bool UpdateAad(ReadOnlySpan<byte> aad)
    {
        if (aad.IsEmpty)
        {
            return true;
        }

        int written;
        fixed (byte* a = aad)
        {
            return Succeeded(LibCrypto.CipherUpdate(this, null, &written, a, aad.Length));
        }
    }

    /// <summary>Announces the payload length, which CCM must know before the associated data.</summary>
    public bool SetMessageLength(int length)
    {
        int written;
        return Succeeded(LibCrypto.CipherUpdate(this, null, &written, null, length));
    }

    /// <summary>Transforms <paramref name="data"/> in place.</summary>
    public bool Update(Span<byte> data)
    {
        // An empty span pins to null, which libcrypto reads as "no data" or "this is AAD": point at a
        // dummy byte so an empty payload is still processed (and, for CCM, its tag still checked).
        byte empty = 0;
        int written;
        fixed (byte* d = data)
        {
            byte* p = data.IsEmpty ? &empty : d;
            return Succeeded(LibCrypto.CipherUpdate(this, p, &written, p, data.Length)) && written == data.Length;
        }
    }

    public bool Final()
    {
        byte* block = stackalloc byte[32];
        int written;
        return Succeeded(LibCrypto.CipherFinal(this, block, &written)) && written == 0;
    }

    /// <summary>
    /// Turns a libcrypto result into a bool, emptying the thread's error queue on failure: a forged packet
    /// leaves nothing behind that a later, unrelated OpenSSL call (ours or .NET's) could trip over.
    /// </summary>
    private static bool Succeeded(int result)
    {
        if (result > 0)
        {
            return true;
        }

        LibCrypto.ClearErrors();
        return false;
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.CipherContextFree(handle);
        return true;
    }
}
