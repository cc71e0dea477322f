namespace IpsecTun.Config.Tests;

/// <summary>Algorithm names beyond the manual's tables resolve to the crypto layer's transforms.</summary>
public sealed class AlgorithmNameTests
{
    [Fact]
    public void Profiles_take_aeads_and_modern_groups()
    {
        var profile = Loader.Valid("""
            { "ip": { "ipsec": { "profile": [ { "name": "p",
                "enc-algorithm": "aes-256-gcm,chacha20poly1305,aes-128",
                "dh-group": "curve25519,curve448,ecp256bp,ecp512bp,modp2048s256,ecp521",
                "hash-algorithm": "sha512" } ] } } }
            """).Profile("p");
        Assert.Equal(["aes-256-gcm", "chacha20poly1305", "aes-128"], profile.EncAlgorithms.Select(a => a.ProfileName ?? a.Name));
        Assert.True(profile.EncAlgorithms[0].IsAead);
        Assert.Equal(["curve25519", "curve448", "ecp256bp", "ecp512bp", "modp2048s256", "ecp521"], profile.DhGroups.Select(g => g.Name));
        Assert.Equal("sha512", profile.HashAlgorithm.Name);
    }

    [Theory]
    [InlineData("aes-xcbc")]
    [InlineData("aes-cmac")]
    public void Aes_prfs_serve_as_hash_algorithm(string name) =>
        Assert.Equal(name, Loader.Valid($$"""{ "ip": { "ipsec": { "profile": [ { "name": "p", "hash-algorithm": "{{name}}" } ] } } }""").Profile("p").HashAlgorithm.Name);

    [Fact]
    public void Proposals_take_every_cipher_family_and_mac()
    {
        var proposal = Loader.Valid("""
            { "ip": { "ipsec": { "proposal": [ { "name": "p",
                "enc-algorithms": "chacha20poly1305,aes-128-gcm12,aes-256-ccm8,camellia-128-ctr,twofish-192,null",
                "auth-algorithms": "aes-cmac,aes-xcbc,sha384,null",
                "pfs-group": "curve25519" } ] } } }
            """).Proposal("p");
        Assert.Equal(["chacha20poly1305", "aes-128-gcm12", "aes-256-ccm8", "camellia-128-ctr", "twofish-192", "null"], proposal.EncAlgorithms.Select(a => a.Name));
        Assert.Equal(["aes-cmac", "aes-xcbc", "sha384", null], proposal.AuthAlgorithms.Select(a => a?.Name));
        Assert.Equal("curve25519", proposal.PfsGroup!.Name);
    }
}
