namespace IpsecTun.Crypto.Tests;

/// <summary>The two implementations every cipher test runs on.</summary>
public enum Backend
{
    Managed,
    LibCrypto,
}
