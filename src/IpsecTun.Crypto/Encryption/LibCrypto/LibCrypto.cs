using System.Runtime.InteropServices;

namespace IpsecTun.Crypto;

/// <summary>
/// The few OpenSSL 3 libcrypto entry points the packet ciphers use. Calling EVP directly costs a fraction
/// of .NET's AEAD classes per packet, and reaches transforms .NET lacks (GCM with 8-byte tags, CBC without
/// a per-call allocation, Camellia, Blowfish).
/// </summary>
internal static unsafe partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    public const int CtrlAeadSetIvLength = 0x9;
    public const int CtrlAeadGetTag = 0x10;
    public const int CtrlAeadSetTag = 0x11;

    [LibraryImport(Library, EntryPoint = "OSSL_LIB_CTX_new")]
    public static partial nint LibraryContextNew();

    [LibraryImport(Library, EntryPoint = "OSSL_LIB_CTX_free")]
    public static partial void LibraryContextFree(nint context);

    [LibraryImport(Library, EntryPoint = "OSSL_PROVIDER_load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ProviderLoad(nint context, string name);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_fetch", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CipherFetch(nint context, string algorithm, string? properties);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_new")]
    public static partial EvpCipherContext CipherContextNew();

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_free")]
    public static partial void CipherContextFree(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_CipherInit_ex")]
    public static partial int CipherInit(EvpCipherContext context, nint cipher, nint engine, byte* key, byte* iv, int encrypt);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_set_padding")]
    public static partial int CipherContextSetPadding(EvpCipherContext context, int padding);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_ctrl")]
    public static partial int CipherContextControl(EvpCipherContext context, int type, int argument, void* pointer);

    [LibraryImport(Library, EntryPoint = "EVP_CipherUpdate")]
    public static partial int CipherUpdate(EvpCipherContext context, byte* output, int* outputLength, byte* input, int inputLength);

    [LibraryImport(Library, EntryPoint = "EVP_CipherFinal_ex")]
    public static partial int CipherFinal(EvpCipherContext context, byte* output, int* outputLength);

    [LibraryImport(Library, EntryPoint = "ERR_clear_error")]
    public static partial void ClearErrors();
}
