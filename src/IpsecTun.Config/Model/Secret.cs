using System.Security.Cryptography;
using System.Text;

namespace IpsecTun.Config;

/// <summary>
/// A pre-shared key, password or passphrase. Its bytes are reachable only through <see cref="Value"/>;
/// <see cref="ToString"/> never shows them, so a secret cannot leak through a log line or an error.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    private readonly byte[] value;

    public Secret(ReadOnlySpan<byte> value)
    {
        this.value = value.ToArray();
    }

    public ReadOnlySpan<byte> Value => value;

    public int Length => value.Length;

    /// <summary>
    /// Reads a secret the RouterOS way: text that starts with <c>0x</c> is hexadecimal, anything else is
    /// taken as UTF-8 bytes. Returns false for <c>0x</c> followed by something that is not hexadecimal.
    /// </summary>
    public static bool TryParse(string text, out Secret? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            secret = new Secret(Encoding.UTF8.GetBytes(text));
            return true;
        }

        var hex = text.AsSpan(2);
        if (hex.IsEmpty || hex.Length % 2 != 0)
        {
            secret = null;
            return false;
        }

        var bytes = new byte[hex.Length / 2];
        var status = Convert.FromHexString(hex, bytes, out _, out _);
        secret = status == System.Buffers.OperationStatus.Done ? new Secret(bytes) : null;
        CryptographicOperations.ZeroMemory(bytes);
        return secret is not null;
    }

    /// <summary>Text form of the secret, for protocols that carry it as a string (EAP and XAuth passwords).</summary>
    public string RevealText() => Encoding.UTF8.GetString(value);

    public bool Equals(Secret? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(value, other.value);

    public override bool Equals(object? obj) => Equals(obj as Secret);

    // Equal secrets must hash alike; the length is all a hash may reveal.
    public override int GetHashCode() => value.Length;

    public override string ToString() => "(secret)";
}
