using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>What an identity with auth-method=digital-signature signs with and how it checks the peer's certificate.</summary>
internal sealed record SignatureCredentials(LocalCertificate Certificate, PeerCertificateValidation Validation);
