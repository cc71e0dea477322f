namespace IpsecTun.Esp;

public sealed partial class SecurityAssociation
{
    /// <summary>
    /// enc-key of the installed-sa view, in hex: shown only to an operator who asks for keys
    /// (<c>--with-keys</c>), never logged. All zeros once the SA is disposed.
    /// </summary>
    public string RevealEncryptionKeyHex() => Convert.ToHexStringLower(_encryptionKey);

    /// <summary>auth-key of the installed-sa view, in hex; the same care as <see cref="RevealEncryptionKeyHex"/>.</summary>
    public string RevealIntegrityKeyHex() => Convert.ToHexStringLower(_integrityKey);
}
