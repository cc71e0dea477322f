namespace IpsecTun.Crypto.Tests;

/// <summary>Known-answer checks shared by the key exchange families.</summary>
internal static class KeyExchangeAssert
{
    public static KeyExchangeGroup Group(KeyExchangeGroupId id)
    {
        Assert.True(TransformRegistry.TryGetKeyExchange(id, out var group), $"group {id} is registered");
        return group;
    }

    /// <summary>Both sides of a published exchange: each private key gives its public value and the shared secret.</summary>
    public static void Exchange(KeyExchangeGroup group, string privateA, string publicA, string privateB, string publicB, string shared)
    {
        using var a = group.CreateFromPrivateKey(Convert.FromHexString(privateA));
        using var b = group.CreateFromPrivateKey(Convert.FromHexString(privateB));
        Assert.Equal(publicA, Convert.ToHexStringLower(a.PublicValue));
        Assert.Equal(publicB, Convert.ToHexStringLower(b.PublicValue));
        Assert.Equal(shared, SharedSecret(a, Convert.FromHexString(publicB)));
        Assert.Equal(shared, SharedSecret(b, Convert.FromHexString(publicA)));
    }

    /// <summary>The shared secret in lower-case hex, asserting that the peer value was accepted.</summary>
    public static string SharedSecret(KeyExchange exchange, ReadOnlySpan<byte> peerPublicValue)
    {
        var secret = new byte[exchange.Group.SharedSecretSize];
        Assert.True(exchange.TryComputeSharedSecret(peerPublicValue, secret, out var failure), $"peer value refused: {failure}");
        Assert.Equal(KeyExchangeError.None, failure);
        return Convert.ToHexStringLower(secret);
    }

    /// <summary>Asserts that a peer value is refused with <paramref name="expected"/>, without an exception.</summary>
    public static void Refused(KeyExchange exchange, ReadOnlySpan<byte> peerPublicValue, KeyExchangeError expected)
    {
        var secret = new byte[exchange.Group.SharedSecretSize];
        Assert.False(exchange.TryComputeSharedSecret(peerPublicValue, secret, out var failure));
        Assert.Equal(expected, failure);
    }
}
