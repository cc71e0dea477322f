namespace IpsecTun.Crypto.Tests;

/// <summary>
/// Camellia (RFC 3713 appendix A vectors, checked through CBC), then Camellia-CBC (RFC 4312) and
/// Camellia-CTR (RFC 5529) on longer packets against <c>openssl enc</c>.
/// </summary>
public class CamelliaTests
{
    private const string Block = "0123456789abcdeffedcba9876543210";

    public static TheoryData<int, Backend> KeySizesAndBackends =>
        new MatrixTheoryData<int, Backend>([128, 192, 256], [Backend.Managed, Backend.LibCrypto]);

    [Theory]
    [MemberData(nameof(Ciphers.Backends), MemberType = typeof(Ciphers))]
    public void Matches_rfc_3713(Backend backend)
    {
        BlockCipherVector.CheckBlockThroughCbc("camellia-128", backend, Block, Block, "67673138549669730857065648eabe43");
        BlockCipherVector.CheckBlockThroughCbc("camellia-192", backend, Block + "0011223344556677", Block, "b4993401b3e996f84ee5cee7d79b09b9");
        BlockCipherVector.CheckBlockThroughCbc(
            "camellia-256", backend, Block + "00112233445566778899aabbccddeeff", Block, "9acc237dff16d76c20ef7c919e3a7509");
    }

    [Theory]
    [MemberData(nameof(KeySizesAndBackends))]
    public void Cbc_matches_openssl(int keyBits, Backend backend) =>
        BlockCipherVector.CheckAgainstOpenSsl($"camellia-{keyBits}", backend, $"camellia-{keyBits}-cbc");

    [Theory]
    [MemberData(nameof(KeySizesAndBackends))]
    public void Ctr_matches_openssl(int keyBits, Backend backend) =>
        BlockCipherVector.CheckAgainstOpenSsl($"camellia-{keyBits}-ctr", backend, $"camellia-{keyBits}-ctr");
}
