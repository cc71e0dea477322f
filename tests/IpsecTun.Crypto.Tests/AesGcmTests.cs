namespace IpsecTun.Crypto.Tests;

/// <summary>
/// The GCM specification's test cases (McGrew and Viega, "The Galois/Counter Mode of Operation", appendix B)
/// with 96-bit IVs, whose first four bytes play the RFC 4106 salt. The 8 and 12-byte ICVs are the
/// leading bytes of the same tags.
/// </summary>
public class AesGcmTests
{
    private const string Key128 = "feffe9928665731c6d6a8f9467308308";
    private const string Salt = "cafebabe";
    private const string Iv = "facedbaddecaf888";
    private const string Aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private const string Plaintext60 =
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";

    public static TheoryData<int, Backend> IcvSizesAndBackends =>
        new MatrixTheoryData<int, Backend>([16, 12, 8], [Backend.Managed, Backend.LibCrypto]);

    private static readonly AeadVector TestCase1 = new(
        new string('0', 32), "00000000", "0000000000000000", "", "", "", "58e2fccefa7e3061367f1d57a4e7455a");

    private static readonly AeadVector TestCase2 = new(
        new string('0', 32), "00000000", "0000000000000000", "", new string('0', 32), "0388dace60b6a392f328c2b971b2fe78",
        "ab6e47d42cec13bdf53a67b21257bddf");

    private static readonly AeadVector TestCase3 = new(
        Key128, Salt, Iv, "",
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
        "4d5c2af327cd64a62cf35abd2ba6fab4");

    private static readonly AeadVector TestCase4 = new(
        Key128, Salt, Iv, Aad, Plaintext60,
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
        "5bc94fbc3221a5db94fae95ae7121a47");

    private static readonly AeadVector TestCase10 = new(
        Key128 + "feffe9928665731c", Salt, Iv, Aad, Plaintext60,
        "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
        "2519498e80f1478f37ba55bd6d27618c");

    private static readonly AeadVector TestCase13 = new(
        new string('0', 64), "00000000", "0000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b");

    private static readonly AeadVector TestCase16 = new(
        Key128 + Key128, Salt, Iv, Aad, Plaintext60,
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
        "76fc6ece0f4e1768cddf8853bb2d551b");

    [Theory]
    [MemberData(nameof(IcvSizesAndBackends))]
    public void Aes128_matches_the_specification(int icvSize, Backend backend)
    {
        string name = NameFor(128, icvSize);
        TestCase1.Check(name, backend);
        TestCase2.Check(name, backend);
        TestCase3.Check(name, backend);
        TestCase4.Check(name, backend);
    }

    [Theory]
    [MemberData(nameof(IcvSizesAndBackends))]
    public void Aes192_matches_the_specification(int icvSize, Backend backend) =>
        TestCase10.Check(NameFor(192, icvSize), backend);

    [Theory]
    [MemberData(nameof(IcvSizesAndBackends))]
    public void Aes256_matches_the_specification(int icvSize, Backend backend)
    {
        TestCase13.Check(NameFor(256, icvSize), backend);
        TestCase16.Check(NameFor(256, icvSize), backend);
    }

    [Fact]
    public void Gcm_transforms_carry_the_rfc_4106_parameters()
    {
        foreach (var (name, id) in new[] { ("aes-128-gcm", EncryptionTransformId.AesGcm16), ("aes-192-gcm12", EncryptionTransformId.AesGcm12), ("aes-256-gcm8", EncryptionTransformId.AesGcm8) })
        {
            var algorithm = Ciphers.Get(name);
            Assert.Equal(id, algorithm.Id);
            Assert.Equal((4, 8), (algorithm.SaltSize, algorithm.IvSize));
            Assert.True(algorithm.NegotiatesKeyLength);
        }
    }

    private static string NameFor(int keyBits, int icvSize) => icvSize == 16 ? $"aes-{keyBits}-gcm" : $"aes-{keyBits}-gcm{icvSize}";
}
