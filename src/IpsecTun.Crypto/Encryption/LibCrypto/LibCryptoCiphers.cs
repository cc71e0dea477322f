using System.Collections.Concurrent;

namespace IpsecTun.Crypto;

/// <summary>
/// Fetches cipher and MAC implementations from libcrypto once per process. The ciphers live in a library context of
/// our own with the default and (where installed) legacy providers, so DES and Blowfish are found without
/// touching the process-wide OpenSSL configuration that .NET itself uses.
/// </summary>
internal static class LibCryptoCiphers
{
    private static readonly nint Context = CreateContext();

    // A fetched EVP_CIPHER is kept for the life of the process: contexts made from it may outlive any owner.
    private static readonly ConcurrentDictionary<string, nint> Fetched = new(StringComparer.Ordinal);

    public static bool TryFetch(string name, out nint cipher)
    {
        cipher = Context == 0 ? 0 : Fetched.GetOrAdd(name, static n => LibCrypto.CipherFetch(Context, n, null));
        if (cipher == 0 && Context != 0)
        {
            LibCrypto.ClearErrors();
        }

        return cipher != 0;
    }

    /// <summary>Fetches a MAC (kept, like the ciphers, for the life of the process); 0 when libcrypto lacks it.</summary>
    public static nint TryFetchMac(string name)
    {
        if (Context == 0)
        {
            return 0;
        }

        nint mac = LibCrypto.MacFetch(Context, name, null);
        if (mac == 0)
        {
            LibCrypto.ClearErrors();
        }

        return mac;
    }

    private static nint CreateContext()
    {
        try
        {
            var context = LibCrypto.LibraryContextNew();
            if (context == 0)
            {
                return 0;
            }

            if (LibCrypto.ProviderLoad(context, "default") == 0)
            {
                LibCrypto.LibraryContextFree(context);
                return 0;
            }

            // Without the legacy provider DES and Blowfish fall back to the managed implementation.
            if (LibCrypto.ProviderLoad(context, "legacy") == 0)
            {
                LibCrypto.ClearErrors();
            }

            return context;
        }
        catch (DllNotFoundException)
        {
            return 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }
}
