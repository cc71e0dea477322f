using System.Security.Cryptography;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace IpsecTun.Crypto;

/// <summary>
/// value^exponent mod an odd modulus, on big-endian byte strings, for the MODP groups. libcrypto's
/// constant-time Montgomery exponentiation where libcrypto is present (several times faster than the
/// managed code and it clears its copies of the operands), BouncyCastle's <see cref="BigInteger.ModPow"/>
/// elsewhere, which is not constant time.
/// </summary>
internal abstract class ModularExponentiation
{
    public static ModularExponentiation LibCrypto { get; } = new LibCryptoExponentiation();

    public static ModularExponentiation Managed { get; } = new ManagedExponentiation();

    public static bool LibCryptoIsAvailable { get; } = LibCryptoExponentiation.IsAvailable();

    public static ModularExponentiation Default => LibCryptoIsAvailable ? LibCrypto : Managed;

    /// <summary>Writes the result left-padded to <paramref name="destination"/>, which is as long as the modulus.</summary>
    public abstract void Power(ReadOnlySpan<byte> value, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, Span<byte> destination);

    private sealed class ManagedExponentiation : ModularExponentiation
    {
        public override void Power(ReadOnlySpan<byte> value, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, Span<byte> destination) =>
            BigIntegers.AsUnsignedByteArray(new BigInteger(1, value).ModPow(new BigInteger(1, exponent), new BigInteger(1, modulus)), destination);
    }

    private sealed unsafe class LibCryptoExponentiation : ModularExponentiation
    {
        public static bool IsAvailable()
        {
            try
            {
                Crypto.LibCrypto.BigNumberContextFree(Crypto.LibCrypto.BigNumberContextNew());
                return true;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }
        }

        public override void Power(ReadOnlySpan<byte> value, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, Span<byte> destination)
        {
            nint context = 0, valueNumber = 0, exponentNumber = 0, modulusNumber = 0, result = 0;
            try
            {
                context = Crypto.LibCrypto.BigNumberContextNew();
                valueNumber = FromBytes(value);
                exponentNumber = FromBytes(exponent);
                modulusNumber = FromBytes(modulus);
                result = Crypto.LibCrypto.BigNumberNew();
                if (context == 0 || valueNumber == 0 || exponentNumber == 0 || modulusNumber == 0 || result == 0 ||
                    Crypto.LibCrypto.ModularExponentiationConstantTime(result, valueNumber, exponentNumber, modulusNumber, context, 0) != 1)
                {
                    throw new CryptographicException("libcrypto modular exponentiation failed.");
                }

                fixed (byte* output = destination)
                {
                    if (Crypto.LibCrypto.BigNumberToPaddedBytes(result, output, destination.Length) != destination.Length)
                    {
                        throw new CryptographicException("The result does not fit the destination.");
                    }
                }
            }
            finally
            {
                Crypto.LibCrypto.BigNumberClearFree(result);
                Crypto.LibCrypto.BigNumberClearFree(exponentNumber);
                Crypto.LibCrypto.BigNumberClearFree(valueNumber);
                Crypto.LibCrypto.BigNumberClearFree(modulusNumber);
                Crypto.LibCrypto.BigNumberContextFree(context);
            }
        }

        private static nint FromBytes(ReadOnlySpan<byte> bytes)
        {
            fixed (byte* input = bytes)
            {
                return Crypto.LibCrypto.BigNumberFromBytes(input, bytes.Length, 0);
            }
        }
    }
}
