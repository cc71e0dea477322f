using System.Security.Cryptography.X509Certificates;

namespace IpsecTun.Config;

/// <summary>
/// A <c>certificate</c> entry. RouterOS keeps certificates in its store; ipsectun reads them from files:
/// PKCS#12 (with <see cref="Passphrase"/>), or PEM/DER with the private key in the same PEM file or in
/// <see cref="KeyFile"/> (encrypted with <see cref="Passphrase"/> if it is).
/// </summary>
/// <param name="Certificate">The certificate as loaded, with its private key when the files hold one.</param>
public sealed record CertificateEntry(string Name, string File, string? KeyFile, Secret? Passphrase, X509Certificate2 Certificate)
{
    public bool HasPrivateKey => Certificate.HasPrivateKey;
}
