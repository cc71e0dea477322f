using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IpsecTun.Config;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A canonical text of settings, one <c>key=length:value</c> line each (the length keeps values that
/// contain separators from running into the next), reduced to a hex SHA-256. Secrets enter only as an
/// HMAC under a key drawn once per process: equal secrets still give equal fingerprints within the
/// process, which is all a reload compares, while a fingerprint is no offline oracle for a weak secret.
/// </summary>
internal sealed class FingerprintText
{
    private static readonly byte[] SecretKey = RandomNumberGenerator.GetBytes(32);

    private readonly StringBuilder text = new();

    public FingerprintText Add(string key, object? value)
    {
        string formatted = value switch
        {
            null => "-",
            string s => s,
            bool b => b ? "yes" : "no",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            System.Collections.IEnumerable list => string.Join(",", list.Cast<object?>().Select(o => o?.ToString() ?? "null")),
            _ => value.ToString() ?? "",
        };
        text.Append(key).Append('=').Append(formatted.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(formatted).Append('\n');
        return this;
    }

    public FingerprintText AddSecret(string key, Secret? secret) =>
        Add(key, secret is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(SecretKey, secret.Value)));

    public string Finish() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
