using System.Text;
using static IpsecTun.Crypto.Tests.TestBytes;

namespace IpsecTun.Crypto.Tests;

/// <summary>
/// HMAC integrity transforms and PRFs against RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-2), on libcrypto's
/// EVP_MAC and on <see cref="System.Security.Cryptography.IncrementalHash"/>.
/// </summary>
public class HmacTests
{
    private static readonly byte[] Rfc4231Key4 = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10111213141516171819");
    private static readonly byte[] HiThere = Encoding.ASCII.GetBytes("Hi There");
    private static readonly byte[] WhatDoYaWant = Encoding.ASCII.GetBytes("what do ya want for nothing?");
    private static readonly byte[] Truncation = Encoding.ASCII.GetBytes("Test With Truncation");
    private static readonly byte[] LargeKeyFirst = Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First");

    public static TheoryData<string, byte[], byte[], string> Rfc2202 => new()
    {
        { "md5", Fill(0x0b, 16), HiThere, "9294727a3638bb1c13f48ef8158bfc9d" },
        { "md5", "Jefe"u8.ToArray(), WhatDoYaWant, "750c783e6ab0b503eaa86e310a5db738" },
        { "md5", Fill(0xaa, 16), Fill(0xdd, 50), "56be34521d144c88dbb8c733f0e8b3f6" },
        { "md5", Rfc4231Key4, Fill(0xcd, 50), "697eaf0aca3a3aea3a75164746ffaa79" },
        { "md5", Fill(0x0c, 16), Truncation, "56461ef2342edc00f9bab995690efd4c" },
        { "md5", Fill(0xaa, 80), LargeKeyFirst, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd" },
        { "md5", Fill(0xaa, 80), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"), "6f630fad67cda0ee1fb1f562db3aa53e" },
        { "sha1", Fill(0x0b, 20), HiThere, "b617318655057264e28bc0b6fb378c8ef146be00" },
        { "sha1", "Jefe"u8.ToArray(), WhatDoYaWant, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
        { "sha1", Fill(0xaa, 20), Fill(0xdd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
        { "sha1", Rfc4231Key4, Fill(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
        { "sha1", Fill(0x0c, 20), Truncation, "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04" },
        { "sha1", Fill(0xaa, 80), LargeKeyFirst, "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
        { "sha1", Fill(0xaa, 80), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"), "e8e99d0f45237d786d6bbaa7965c7808bbff1a91" },
    };

    public static TheoryData<string, byte[], byte[], string> Rfc4231 => new()
    {
        { "sha256", Fill(0x0b, 20), HiThere, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "sha256", "Jefe"u8.ToArray(), WhatDoYaWant, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "sha256", Fill(0xaa, 20), Fill(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "sha256", Rfc4231Key4, Fill(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { "sha256", Fill(0xaa, 131), LargeKeyFirst, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "sha256", Fill(0xaa, 131), Rfc4231Case7Data(), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
        { "sha384", Fill(0x0b, 20), HiThere, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6" },
        { "sha384", "Jefe"u8.ToArray(), WhatDoYaWant, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649" },
        { "sha384", Fill(0xaa, 20), Fill(0xdd, 50), "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27" },
        { "sha384", Rfc4231Key4, Fill(0xcd, 50), "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb" },
        { "sha384", Fill(0xaa, 131), LargeKeyFirst, "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952" },
        { "sha384", Fill(0xaa, 131), Rfc4231Case7Data(), "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e" },
        { "sha512", Fill(0x0b, 20), HiThere, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },
        { "sha512", "Jefe"u8.ToArray(), WhatDoYaWant, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
        { "sha512", Fill(0xaa, 20), Fill(0xdd, 50), "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb" },
        { "sha512", Rfc4231Key4, Fill(0xcd, 50), "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd" },
        { "sha512", Fill(0xaa, 131), LargeKeyFirst, "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" },
        { "sha512", Fill(0xaa, 131), Rfc4231Case7Data(), "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58" },
    };

    /// <summary>RFC 4231 test case 5 publishes only the first 128 bits.</summary>
    public static TheoryData<Backend, string, string> Rfc4231TruncatedCase => new()
    {
        { Backend.Managed, "sha256", "a3b6167473100ee06e0c796c2955552b" },
        { Backend.Managed, "sha384", "3abf34c3503b2a23a46efc619baef897" },
        { Backend.Managed, "sha512", "415fad6271580a531d4179bc891d87a6" },
        { Backend.LibCrypto, "sha256", "a3b6167473100ee06e0c796c2955552b" },
        { Backend.LibCrypto, "sha384", "3abf34c3503b2a23a46efc619baef897" },
        { Backend.LibCrypto, "sha512", "415fad6271580a531d4179bc891d87a6" },
    };

    public static TheoryData<Backend, string, byte[], byte[], string> Published => Hmacs.OnEachBackend(Rfc2202, Rfc4231);

    [Theory]
    [MemberData(nameof(Published))]
    public void Hmac_matches_the_published_value(Backend backend, string name, byte[] key, byte[] data, string expected)
    {
        using KeyedHash mac = Hmacs.Create(name, backend, key);
        byte[] output = new byte[mac.OutputSize];

        mac.Compute(data, output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(Rfc2202))]
    [MemberData(nameof(Rfc4231))]
    public void Prf_matches_the_published_hmac(string name, byte[] key, byte[] data, string expected)
    {
        Assert.True(TransformRegistry.TryGetPrf(name, out PrfAlgorithm? prf));
        using KeyedHash mac = prf.Create(key);
        byte[] output = new byte[prf.OutputSize];

        mac.Compute(data, output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(Rfc4231TruncatedCase))]
    public void Output_cut_short_is_the_published_truncation(Backend backend, string name, string expected)
    {
        using KeyedHash mac = Hmacs.Create(name, backend, Fill(0x0c, 20));
        byte[] output = new byte[16];

        mac.Compute(Truncation, output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    /// <summary>
    /// RFC 2404 (HMAC-SHA1-96), RFC 2403 (HMAC-MD5-96) and RFC 4868 §2.6 (HMAC-SHA-256-128, -384-192,
    /// -512-256): the ICV is the leading bytes of the RFC 2202 / RFC 4231 MAC under a key of the right size.
    /// </summary>
    [Theory]
    [InlineData("md5", 16, "9294727a3638bb1c13f48ef8")]
    [InlineData("sha1", 20, "b617318655057264e28bc0b6")]
    [InlineData("sha256", 20, "b0344c61d8db38535ca8afceaf0bf12b")]
    [InlineData("sha384", 20, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec6")]
    [InlineData("sha512", 20, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde")]
    public void Integrity_icv_is_the_truncated_hmac(string name, int publishedKeySize, string expectedIcv)
    {
        Assert.True(TransformRegistry.TryGetIntegrity(name, out IntegrityAlgorithm? integrity));
        byte[] icv = new byte[integrity.IcvSize];
        byte[] key = Fill(0x0b, publishedKeySize);

        // HMAC pads a short key with zeros to the block size, so the published key padded to the transform's
        // key size yields the same MAC.
        Array.Resize(ref key, integrity.KeySize);
        using PacketAuthenticator authenticator = integrity.CreateAuthenticator(key);
        authenticator.Append(HiThere);
        authenticator.Finish(icv);

        Assert.Equal(expectedIcv.Length / 2, integrity.IcvSize);
        Assert.Equal(expectedIcv, Convert.ToHexStringLower(icv));
    }

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Finishing_resets_for_the_next_message(Backend backend)
    {
        using KeyedHash mac = Hmacs.Create("sha256", backend, Fill(0x0b, 20));
        byte[] first = new byte[32];
        byte[] second = new byte[32];

        mac.Compute(HiThere, first);
        mac.Append(HiThere.AsSpan(0, 3));
        mac.Append(HiThere.AsSpan(3));
        mac.Finish(second);

        Assert.Equal("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", Convert.ToHexStringLower(first));
        Assert.Equal(first, second);
    }

    private static byte[] Rfc4231Case7Data() => Encoding.ASCII.GetBytes(
        "This is a test using a larger than block-size key and a larger than block-size data. " +
        "The key needs to be hashed before being used by the HMAC algorithm.");
}
