using System.Security.Cryptography;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.Authentication;

/// <summary>A local certificate whose key cannot sign, or signs for another certificate, is found before any peer sees it.</summary>
public sealed class SigningProblemTests
{
    [Theory]
    [InlineData("rsa", false)]
    [InlineData("rsa", true)]
    [InlineData("p256", false)]
    public void A_matching_key_has_no_problem(string name, bool useRsaPss)
    {
        using LocalCertificate local = TestPki.Instance.Local(name, useRsaPss);

        Assert.Null(local.SigningProblem());
    }

    [Fact]
    public void A_key_of_the_same_type_from_another_pair_does_not_belong_to_the_certificate()
    {
        using var local = new LocalCertificate(TestPki.Copy(TestPki.Instance.Certificate("p256")), ECDsa.Create(ECCurve.NamedCurves.nistP256));

        Assert.StartsWith("the private key does not belong to the certificate CN=p256.example.org: ", local.SigningProblem(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_rsa_key_for_an_ecdsa_certificate_does_not_belong_to_it()
    {
        using var local = new LocalCertificate(TestPki.Copy(TestPki.Instance.Certificate("p256")), RSA.Create(2048));

        Assert.Contains("needs an RSA key, CN=p256.example.org has none", local.SigningProblem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_too_small_for_rsassa_pss_cannot_sign()
    {
        using RSA weak = RSA.Create(512);
        using var local = new LocalCertificate(
            TestPki.Instance.IssueEndEntity("weak", weak, ManualTime.Epoch.AddDays(-1), ManualTime.Epoch.AddDays(1)), TestPki.CopyKey(weak), useRsaPss: true);

        Assert.StartsWith("our private key for CN=weak.example.org cannot sign RSASSA-PSS with SHA256 (RFC 7427)", local.SigningProblem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_alone_cannot_sign()
    {
        using RSA publicOnly = RSA.Create();
        publicOnly.ImportSubjectPublicKeyInfo(TestPki.Instance.Certificate("rsa").PublicKey.ExportSubjectPublicKeyInfo(), out _);
        using var local = new LocalCertificate(TestPki.Copy(TestPki.Instance.Certificate("rsa")), publicOnly);

        Assert.StartsWith("our private key for CN=rsa.example.org cannot sign", local.SigningProblem(), StringComparison.Ordinal);
    }
}
