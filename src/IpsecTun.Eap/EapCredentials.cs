using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace IpsecTun.Eap;

/// <summary>
/// A user name and password. The password is held in an array of our own so that <see cref="Dispose"/> can
/// zero it; it never appears in <see cref="ToString"/>.
/// </summary>
public sealed class EapCredentials : IDisposable
{
    private readonly char[] _password;

    public EapCredentials(string identity, ReadOnlySpan<char> password)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        _password = password.ToArray();
    }

    public string Identity { get; }

    internal ReadOnlySpan<char> Password => _password;

    /// <summary>The password in UTF-8, which MD5-Challenge and GTC use; the caller zeroes the array.</summary>
    internal byte[] PasswordUtf8() => Encoding.UTF8.GetBytes(_password);

    public void Dispose() => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_password.AsSpan()));

    public override string ToString() => $"EAP credentials for {Identity}";
}
