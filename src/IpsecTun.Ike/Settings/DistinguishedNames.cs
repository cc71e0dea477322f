using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Ike.Settings;

/// <summary>
/// Compares distinguished names as names rather than as DER: peers differ in the string types they encode
/// (strongSwan sends a certificate's subject as UTF8String, a configured "CN=…" becomes PrintableString) and
/// in case, as RFC 5280 §7.1 allows for.
/// </summary>
internal static class DistinguishedNames
{
    /// <summary>The same DER, or the same name once both are decoded; false for a DN that does not decode.</summary>
    public static bool Same(ReadOnlySpan<byte> der, ReadOnlySpan<byte> other)
    {
        if (der.SequenceEqual(other))
        {
            return true;
        }

        try
        {
            return string.Equals(new X500DistinguishedName(der).Name, new X500DistinguishedName(other).Name, StringComparison.OrdinalIgnoreCase);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
