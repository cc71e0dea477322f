namespace IpsecTun.Interop.Tests.Lab;

/// <summary>One algorithm suite in both vocabularies: RouterOS names for ipsectun, proposal strings for strongSwan.</summary>
public sealed record IkeSuite(
    string Name, string ProfileEncryption, string ProfileHash, string DhGroup, string EspEncryption, string EspIntegrity,
    string StrongSwanIke, string StrongSwanEsp)
{
    public static readonly IkeSuite AesGcmEcp256 = new(
        "aes-128-gcm/ecp256", "aes-128-gcm", "sha256", "ecp256", "aes-128-gcm", "sha256",
        "aes128gcm16-prfsha256-ecp256", "aes128gcm16");

    public static readonly IkeSuite AesCbcSha256Modp2048 = new(
        "aes-256-cbc/sha256/modp2048", "aes-256", "sha256", "modp2048", "aes-256-cbc", "sha256",
        "aes256-sha256-modp2048", "aes256-sha256");

    public override string ToString() => Name;
}
