namespace IpsecTun.Crypto.Tests;

/// <summary>What every key exchange group promises, whatever its family.</summary>
public class KeyExchangeGroupsTests
{
    public static TheoryData<KeyExchangeGroupId, string, int, int> Groups() => new()
    {
        { KeyExchangeGroupId.Modp768, "modp768", 96, 96 },
        { KeyExchangeGroupId.Modp1024, "modp1024", 128, 128 },
        { KeyExchangeGroupId.Modp1536, "modp1536", 192, 192 },
        { KeyExchangeGroupId.Modp2048, "modp2048", 256, 256 },
        { KeyExchangeGroupId.Modp3072, "modp3072", 384, 384 },
        { KeyExchangeGroupId.Modp4096, "modp4096", 512, 512 },
        { KeyExchangeGroupId.Modp6144, "modp6144", 768, 768 },
        { KeyExchangeGroupId.Modp8192, "modp8192", 1024, 1024 },
        { KeyExchangeGroupId.Modp1024S160, "modp1024s160", 128, 128 },
        { KeyExchangeGroupId.Modp2048S224, "modp2048s224", 256, 256 },
        { KeyExchangeGroupId.Modp2048S256, "modp2048s256", 256, 256 },
        { KeyExchangeGroupId.Ecp256, "ecp256", 64, 32 },
        { KeyExchangeGroupId.Ecp384, "ecp384", 96, 48 },
        { KeyExchangeGroupId.Ecp521, "ecp521", 132, 66 },
        { KeyExchangeGroupId.Ecp224Bp, "ecp224bp", 56, 28 },
        { KeyExchangeGroupId.Ecp256Bp, "ecp256bp", 64, 32 },
        { KeyExchangeGroupId.Ecp384Bp, "ecp384bp", 96, 48 },
        { KeyExchangeGroupId.Ecp512Bp, "ecp512bp", 128, 64 },
        { KeyExchangeGroupId.Curve25519, "curve25519", 32, 32 },
        { KeyExchangeGroupId.Curve448, "curve448", 56, 56 },
    };

    [Fact]
    public void Every_group_of_the_issue_is_registered_once()
    {
        Assert.Equal(
            Groups().Select(row => row.Data.Item1).Order(),
            KeyExchangeGroups.All.Select(g => g.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_is_found_by_id_and_name_with_the_RFC_sizes(KeyExchangeGroupId id, string name, int publicValueSize, int sharedSecretSize)
    {
        Assert.True(TransformRegistry.TryGetKeyExchange(id, out var byId));
        Assert.True(TransformRegistry.TryGetKeyExchange(name.ToUpperInvariant(), out var byName));
        Assert.Same(byId, byName);
        Assert.Equal(name, byId.Name);
        Assert.Equal(publicValueSize, byId.PublicValueSize);
        Assert.Equal(sharedSecretSize, byId.SharedSecretSize);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Two_parties_agree_on_the_shared_secret(KeyExchangeGroupId id, string name, int publicValueSize, int sharedSecretSize)
    {
        var group = KeyExchangeAssert.Group(id);
        using var initiator = group.Create(RandomSource.System);
        using var responder = group.Create(RandomSource.System);
        Assert.Equal(publicValueSize, initiator.PublicValue.Length);
        Assert.NotEqual(Convert.ToHexString(initiator.PublicValue), Convert.ToHexString(responder.PublicValue));

        var secret = KeyExchangeAssert.SharedSecret(initiator, responder.PublicValue);
        Assert.Equal(secret, KeyExchangeAssert.SharedSecret(responder, initiator.PublicValue));
        Assert.Equal(2 * sharedSecretSize, secret.Length);
        Assert.Contains(secret, c => c != '0');
        Assert.Equal(name, group.Name);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Private_key_comes_from_the_injected_random_source(KeyExchangeGroupId id, string name, int publicValueSize, int sharedSecretSize)
    {
        var group = KeyExchangeAssert.Group(id);
        using var first = group.Create(new SeededRandomSource(7));
        using var again = group.Create(new SeededRandomSource(7));
        using var other = group.Create(new SeededRandomSource(8));
        Assert.Equal(Convert.ToHexString(first.PublicValue), Convert.ToHexString(again.PublicValue));
        Assert.NotEqual(Convert.ToHexString(first.PublicValue), Convert.ToHexString(other.PublicValue));
        Assert.Equal((name, publicValueSize, sharedSecretSize), (group.Name, group.PublicValueSize, group.SharedSecretSize));
    }

    [Theory]
    [InlineData(KeyExchangeGroupId.Modp2048)]
    [InlineData(KeyExchangeGroupId.Ecp256)]
    [InlineData(KeyExchangeGroupId.Curve25519)]
    public void Disposed_exchange_cannot_be_used(KeyExchangeGroupId id)
    {
        var group = KeyExchangeAssert.Group(id);
        using var peer = group.Create(new SeededRandomSource(2));
        var exchange = group.Create(new SeededRandomSource(1));
        exchange.Dispose();
        Assert.Throws<ObjectDisposedException>(() => exchange.TryComputeSharedSecret(peer.PublicValue, new byte[group.SharedSecretSize], out _));
    }

    [Theory]
    [InlineData(KeyExchangeGroupId.Modp2048)]
    [InlineData(KeyExchangeGroupId.Ecp256)]
    [InlineData(KeyExchangeGroupId.Curve448)]
    public void Shared_secret_buffer_of_the_wrong_size_is_a_programming_error(KeyExchangeGroupId id)
    {
        var group = KeyExchangeAssert.Group(id);
        using var a = group.Create(new SeededRandomSource(1));
        using var b = group.Create(new SeededRandomSource(2));
        Assert.Throws<ArgumentException>(() => a.TryComputeSharedSecret(b.PublicValue, new byte[group.SharedSecretSize + 1], out _));
    }
}
