using System.Runtime.InteropServices;

namespace IpsecTun.Crypto;

/// <summary>OpenSSL 3's OSSL_PARAM; an array of them ends with an all-zero element.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OsslParam
{
    /// <summary>OSSL_PARAM_UNMODIFIED: libcrypto has not written to the parameter.</summary>
    private static readonly nuint Unmodified = nuint.MaxValue;

    public byte* Key;
    public uint DataType;
    public void* Data;
    public nuint DataSize;
    public nuint ReturnSize;

    /// <summary>A UTF-8 string parameter; both strings must end in a NUL and stay pinned while libcrypto reads them.</summary>
    public static OsslParam Utf8String(byte* key, byte* value, int length) => new()
    {
        Key = key,
        DataType = LibCrypto.ParamUtf8String,
        Data = value,
        DataSize = (nuint)length,
        ReturnSize = Unmodified,
    };
}
