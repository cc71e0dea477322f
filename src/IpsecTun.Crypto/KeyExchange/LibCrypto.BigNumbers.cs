using System.Runtime.InteropServices;

namespace IpsecTun.Crypto;

/// <summary>The BIGNUM entry points that MODP exponentiation uses.</summary>
internal static unsafe partial class LibCrypto
{
    [LibraryImport(Library, EntryPoint = "BN_CTX_new")]
    public static partial nint BigNumberContextNew();

    [LibraryImport(Library, EntryPoint = "BN_CTX_free")]
    public static partial void BigNumberContextFree(nint context);

    [LibraryImport(Library, EntryPoint = "BN_new")]
    public static partial nint BigNumberNew();

    [LibraryImport(Library, EntryPoint = "BN_bin2bn")]
    public static partial nint BigNumberFromBytes(byte* bytes, int length, nint result);

    [LibraryImport(Library, EntryPoint = "BN_bn2binpad")]
    public static partial int BigNumberToPaddedBytes(nint number, byte* bytes, int length);

    [LibraryImport(Library, EntryPoint = "BN_mod_exp_mont_consttime")]
    public static partial int ModularExponentiationConstantTime(nint result, nint value, nint exponent, nint modulus, nint context, nint montgomery);

    /// <summary>Frees a BIGNUM after overwriting its digits.</summary>
    [LibraryImport(Library, EntryPoint = "BN_clear_free")]
    public static partial void BigNumberClearFree(nint number);
}
