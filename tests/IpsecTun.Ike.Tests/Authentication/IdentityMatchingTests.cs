using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.Authentication;

/// <summary>A configured remote ID against the ID payload a peer sends.</summary>
public sealed class IdentityMatchingTests
{
    [Fact]
    public void A_distinguished_name_matches_in_another_string_type_and_case()
    {
        // strongSwan sends an openssl certificate's subject as UTF8String; a configured DN encodes as PrintableString.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName("Left.Example.org");
        byte[] utf8 = builder.Build().RawData;
        IkeIdentity configured = IkeIdentity.FromDistinguishedName(new X500DistinguishedName("CN=left.example.org"));
        Assert.NotEqual(utf8, configured.Data.ToArray());

        Assert.True(configured.Matches(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.DerAsn1Dn, utf8)));
    }

    [Fact]
    public void Another_distinguished_name_or_a_malformed_one_does_not_match()
    {
        IkeIdentity configured = IkeIdentity.FromDistinguishedName(new X500DistinguishedName("CN=left.example.org"));
        byte[] other = new X500DistinguishedName("CN=right.example.org").RawData;

        Assert.False(configured.Matches(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.DerAsn1Dn, other)));
        Assert.False(configured.Matches(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.DerAsn1Dn, new byte[] { 0x30, 0x05, 0x31 })));
        Assert.False(configured.Matches(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Fqdn, configured.Data)));
    }

    [Fact]
    public void Other_identity_types_match_byte_for_byte()
    {
        IkeIdentity configured = IkeIdentity.FromFqdn("left.example.org");

        Assert.True(configured.Matches(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Fqdn, "left.example.org"u8.ToArray())));
        Assert.False(configured.Matches(new IdentificationPayload(PayloadType.IdInitiator, IdentificationType.Fqdn, "left.example.com"u8.ToArray())));
    }
}
