using Org.BouncyCastle.Asn1.TeleTrust;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace IpsecTun.Crypto.Tests;

/// <summary>ECP groups 19–21 (RFC 5903) and brainpool groups 27–30 (RFC 6954).</summary>
public class EcpKeyExchangeTests
{
    // RFC 5903 §8: i, g^i = gix | giy, r, g^r = grx | gry, and g^ir = girx.
    [Theory]
    [InlineData(KeyExchangeGroupId.Ecp256,
        "814264145f2f56f2e96a8e337a1284993faf432a5abce59e867b7291d507a3af",
        "2af502f3be8952f2c9b5a8d4160d09e97165be50bc42ae4a5e8d3b4ba83aeb15eb0faf4ca986c4d38681a0f9872d79d56795bd4bff6e6de3c0f5015ece5efd85",
        "2ce1788ec197e096db95a200cc0ab26a19ce6bccad562b8eee1b593761cf7f41",
        "b120de4aa36492795346e8de6c2c8646ae06aaea279fa775b3ab0715f6ce51b09f1b7eece20d7b5ed8ec685fa3f071d83727027092a8411385c34dde5708b2b6",
        "dd0f5396219d1ea393310412d19a08f1f5811e9dc8ec8eea7f80d21c820c2788")]
    [InlineData(KeyExchangeGroupId.Ecp384,
        "d27335ea71664af244dd14e9fd1260715dfd8a7965571c48d709ee7a7962a156d706a90cbcb5df2986f05feadb9376f1",
        "793148f1787634d5da4c6d9074417d05e057ab62f82054d10ee6b0403d6279547e6a8ea9d1fd77427d016fe27a8b8c66c6c41294331d23e6f480f4fb4cd40504c947392e94f4c3f06b8f398bb29e42368f7a685923de3b67baced214a1a1d128",
        "52d1791fdb4b70f89c0f00d456c2f7023b6125262c36a7df1f80231121cce3d39be52e00c194a4132c4a6c768bcd94d2",
        "5cd42ab9c41b5347f74b8d4efb708b3d5b36db65915359b44abc17647b6b9999789d72a84865ae2f223f12b5a1abc120e171458feaa939aaa3a8bfac46b404bd8f6d5b348c0fa4d80ceca16356ca933240bde8723415a8ece035b0edf36755de",
        "5ea1fc4af7256d2055981b110575e0a8cae53160137d904c59d926eb1b8456e427aa8a4540884c37de159a58028abc0e")]
    [InlineData(KeyExchangeGroupId.Ecp521,
        "0113f82da825735e3d97276683b2b74277bad27335ea71664af2430cc4f33459b9669ee78b3ffb9b8683015d344dcbfef6fb9af4c6c470be254516cd3c1a1fb47362",
        "01ebb34dd75721abf8adc9dbed17889cbb9765d90a7c60f2cef007bb0f2b26e14881fd4442e689d61cb2dd046ee30e3ffd20f9a45bbdf6413d583a2dbf59924fd35c00f6b632d194c0388e22d8437e558c552ae195adfd153f92d74908351b2f8c4eda94edb0916d1b53c020b5eecaed1a5fc38a233e4830587bb2ee3489b3b42a5a86a4",
        "00cee3480d8645a17d249f2776d28bae616952d1791fdb4b70f7c3378732aa1b22928448bcd1dc2496d435b01048066ebe4f72903c361b1a9dc1193dc2c9d0891b96",
        "010ebfafc6e85e08d24bfffcc1a4511db0e634beeb1b6dec8c5939ae44766201af6200430ba97c8ac6a0e9f08b33ce7e9feeb5ba4ee5e0d81510c24295b8a08d023500a4a6ec300df9e257b0372b5e7abfef093436719a77887ebb0b18cf8099b9f4212b6e30a1419c18e029d36863cc9d448f4dba4d2a0e60711be572915fbd4fef2695",
        "00cdea89621cfa46b132f9e4cfe2261cde2d4368eb5656634c7cc98c7a00cde54ed1866a0dd3e6126c9d2f845daff82ceb1da08f5d87521bb0ebeca77911169c20cc")]
    public void Test_vectors_of_RFC_5903_section_8(
        KeyExchangeGroupId id, string privateA, string publicA, string privateB, string publicB, string shared) =>
        KeyExchangeAssert.Exchange(KeyExchangeAssert.Group(id), privateA, publicA, privateB, publicB, shared);

    // RFC 7027 appendix A: dA, x_qA | y_qA, dB, x_qB | y_qB, and x_Z, which RFC 6954 uses unchanged for IKEv2.
    [Theory]
    [InlineData(KeyExchangeGroupId.Ecp256Bp,
        "81db1ee100150ff2ea338d708271be38300cb54241d79950f77b063039804f1d",
        "44106e913f92bc02a1705d9953a8414db95e1aaa49e81d9e85f929a8e3100be58ab4846f11caccb73ce49cbdd120f5a900a69fd32c272223f789ef10eb089bdc",
        "55e40bc41e37e3e2ad25c3c6654511ffa8474a91a0032087593852d3e7d76bd3",
        "8d2d688c6cf93e1160ad04cc4429117dc2c41825e1e9fca0addd34e6f1b39f7b990c57520812be512641e47034832106bc7d3e8dd0e4c7f1136d7006547cec6a",
        "89afc39d41d3b327814b80940b042590f96556ec91e6ae7939bce31f3a18bf2b")]
    [InlineData(KeyExchangeGroupId.Ecp384Bp,
        "1e20f5e048a5886f1f157c74e91bde2b98c8b52d58e5003d57053fc4b0bd65d6f15eb5d1ee1610df870795143627d042",
        "68b665dd91c195800650cdd363c625f4e742e8134667b767b1b476793588f885ab698c852d4a6e77a252d6380fcaf06855bc91a39c9ec01dee36017b7d673a931236d2f1f5c83942d049e3fa20607493e0d038ff2fd30c2ab67d15c85f7faa59",
        "032640bc6003c59260f7250c3db58ce647f98e1260acce4acda3dd869f74e01f8ba5e0324309db6a9831497abac96670",
        "4d44326f269a597a5b58bba565da5556ed7fd9a8a9eb76c25f46db69d19dc8ce6ad18e404b15738b2086df37e71d1eb462d692136de56cbe93bf5fa3188ef58bc8a3a0ec6c1e151a21038a42e9185329b5b275903d192f8d4e1f32fe9cc78c48",
        "0bd9d3a7ea0b3d519d09d8e48d0785fb744a6b355e6304bc51c229fbbce239bbadf6403715c35d4fb2a5444f575d4f42")]
    [InlineData(KeyExchangeGroupId.Ecp512Bp,
        "16302ff0dbbb5a8d733dab7141c1b45acbc8715939677f6a56850a38bd87bd59b09e80279609ff333eb9d4c061231fb26f92eeb04982a5f1d1764cad57665422",
        "0a420517e406aac0acdce90fcd71487718d3b953efd7fbec5f7f27e28c6149999397e91e029e06457db2d3e640668b392c2a7e737a7f0bf04436d11640fd09fd72e6882e8db28aad36237cd25d580db23783961c8dc52dfa2ec138ad472a0fcef3887cf62b623b2a87de5c588301ea3e5fc269b373b60724f5e82a6ad147fde7",
        "230e18e1bcc88a362fa54e4ea3902009292f7f8033624fd471b5d8ace49d12cfabbc19963dab8e2f1eba00bffb29e4d72d13f2224562f405cb80503666b25429",
        "9d45f66de5d67e2e6db6e93a59ce0bb48106097ff78a081de781cdb31fce8ccbaaea8dd4320c4119f1e9cd437a2eab3731fa9668ab268d871deda55a5473199f2fdc313095bcdd5fb3a91636f07a959c8e86b5636a1e930e8396049cb481961d365cc11453a06c719835475b12cb52fc3c383bce35e27ef194512b71876285fa",
        "a7927098655f1f9976fa50a9d566865dc530331846381c87256baf3226244b76d36403c024d7bbf0aa0803eaff405d3d24f11a9b5c0bef679fe1454b21c4cd1f")]
    public void Brainpool_test_vectors_of_RFC_7027_appendix_A(
        KeyExchangeGroupId id, string privateA, string publicA, string privateB, string publicB, string shared) =>
        KeyExchangeAssert.Exchange(KeyExchangeAssert.Group(id), privateA, publicA, privateB, publicB, shared);

    // No RFC gives brainpoolP224r1 ECDH values, so BouncyCastle's own curve arithmetic is the reference for
    // the platform library doing the work.
    [Fact]
    public void Ecp224bp_agrees_with_an_independent_implementation()
    {
        var domain = TeleTrusTNamedCurves.GetByName("brainpoolP224r1");
        var group = KeyExchangeAssert.Group(KeyExchangeGroupId.Ecp224Bp);
        var scalar = new byte[28];
        new SeededRandomSource(1).Fill(scalar);
        scalar[0] &= 0x7f; // below the order, which starts with 0xd7
        using var a = group.CreateFromPrivateKey(scalar);
        using var b = group.Create(new SeededRandomSource(2));

        var privateA = new BigInteger(1, scalar);
        var expectedPublic = domain.G.Multiply(privateA).Normalize();
        Assert.Equal(Encode(expectedPublic.AffineXCoord.ToBigInteger(), 28) + Encode(expectedPublic.AffineYCoord.ToBigInteger(), 28),
            Convert.ToHexStringLower(a.PublicValue));

        var peer = domain.Curve.CreatePoint(new BigInteger(1, b.PublicValue[..28]), new BigInteger(1, b.PublicValue[28..]));
        var expectedShared = peer.Multiply(privateA).Normalize().AffineXCoord.ToBigInteger();
        Assert.Equal(Encode(expectedShared, 28), KeyExchangeAssert.SharedSecret(a, b.PublicValue));
    }

    [Theory]
    [InlineData(KeyExchangeGroupId.Ecp256)]
    [InlineData(KeyExchangeGroupId.Ecp521)]
    [InlineData(KeyExchangeGroupId.Ecp256Bp)]
    public void Point_off_the_curve_is_refused(KeyExchangeGroupId id)
    {
        var group = KeyExchangeAssert.Group(id);
        using var a = group.Create(new SeededRandomSource(1));
        using var b = group.Create(new SeededRandomSource(2));
        var peer = b.PublicValue.ToArray();
        peer[^1] ^= 1;
        KeyExchangeAssert.Refused(a, peer, KeyExchangeError.InvalidPublicValue);
    }

    // (0, 0) is what a point at infinity would look like in x | y; it is not on any curve here (b != 0).
    [Theory]
    [InlineData(KeyExchangeGroupId.Ecp384)]
    [InlineData(KeyExchangeGroupId.Ecp384Bp)]
    public void All_zero_point_is_refused(KeyExchangeGroupId id)
    {
        var group = KeyExchangeAssert.Group(id);
        using var a = group.Create(new SeededRandomSource(1));
        KeyExchangeAssert.Refused(a, new byte[group.PublicValueSize], KeyExchangeError.InvalidPublicValue);
    }

    // brainpoolP256r1's p is far enough below 2^256 that y + p still fits in 32 bytes for some points:
    // reduced mod p such a value would be on the curve, but a coordinate must itself be below p.
    [Fact]
    public void Coordinate_not_below_the_field_prime_is_refused()
    {
        var group = KeyExchangeAssert.Group(KeyExchangeGroupId.Ecp256Bp);
        var p = TeleTrusTNamedCurves.GetByName("brainpoolP256r1").Curve.Field.Characteristic;
        using var a = group.Create(new SeededRandomSource(1));
        for (var seed = 2; ; seed++)
        {
            using var b = group.Create(new SeededRandomSource(seed));
            var y = new BigInteger(1, b.PublicValue[32..]).Add(p);
            if (y.BitLength <= 256)
            {
                var peer = b.PublicValue.ToArray();
                BigIntegers.AsUnsignedByteArray(y, peer.AsSpan(32));
                KeyExchangeAssert.Refused(a, peer, KeyExchangeError.InvalidPublicValue);
                return;
            }
        }
    }

    [Theory]
    [InlineData(KeyExchangeGroupId.Ecp256, 63)]
    [InlineData(KeyExchangeGroupId.Ecp256, 65)]
    [InlineData(KeyExchangeGroupId.Ecp521, 130)]
    [InlineData(KeyExchangeGroupId.Ecp512Bp, 129)]
    public void Peer_value_of_the_wrong_length_is_refused(KeyExchangeGroupId id, int length)
    {
        using var a = KeyExchangeAssert.Group(id).Create(new SeededRandomSource(1));
        KeyExchangeAssert.Refused(a, new byte[length], KeyExchangeError.InvalidLength);
    }

    // The SEC1 uncompressed form (0x04 | x | y) is not the IKEv2 encoding and is one byte too long.
    [Fact]
    public void Uncompressed_point_with_prefix_is_refused()
    {
        var group = KeyExchangeAssert.Group(KeyExchangeGroupId.Ecp256);
        using var a = group.Create(new SeededRandomSource(1));
        using var b = group.Create(new SeededRandomSource(2));
        KeyExchangeAssert.Refused(a, [0x04, .. b.PublicValue], KeyExchangeError.InvalidLength);
    }

    private static string Encode(BigInteger value, int length) => Convert.ToHexStringLower(BigIntegers.AsUnsignedByteArray(length, value));
}
