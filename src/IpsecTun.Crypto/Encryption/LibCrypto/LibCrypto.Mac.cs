using System.Runtime.InteropServices;

namespace IpsecTun.Crypto;

/// <summary>The EVP_MAC entry points HMAC runs on: one keyed context per SA, re-initialised per message.</summary>
internal static unsafe partial class LibCrypto
{
    /// <summary>OSSL_PARAM_UTF8_STRING: the parameter's data is a UTF-8 string of <see cref="OsslParam.DataSize"/> bytes.</summary>
    public const uint ParamUtf8String = 4;

    [LibraryImport(Library, EntryPoint = "EVP_MAC_fetch", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint MacFetch(nint context, string algorithm, string? properties);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_CTX_new")]
    public static partial EvpMacContext MacContextNew(nint mac);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_CTX_free")]
    public static partial void MacContextFree(nint context);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_init")]
    public static partial int MacInit(EvpMacContext context, byte* key, nuint keyLength, OsslParam* parameters);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_update")]
    public static partial int MacUpdate(EvpMacContext context, byte* data, nuint length);

    [LibraryImport(Library, EntryPoint = "EVP_MAC_final")]
    public static partial int MacFinal(EvpMacContext context, byte* output, nuint* written, nuint outputSize);
}
