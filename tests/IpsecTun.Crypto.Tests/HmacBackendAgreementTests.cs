namespace IpsecTun.Crypto.Tests;

/// <summary>libcrypto's EVP_MAC and IncrementalHash agree on random keys and messages fed in random pieces.</summary>
public class HmacBackendAgreementTests
{
    public static TheoryData<string> Names => new(Hmacs.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Backends_agree_on_random_input(string name)
    {
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (int round = 0; round < 50; round++)
        {
            // Key lengths span empty, shorter than, equal to and longer than the hash's block.
            byte[] key = new byte[random.Next(0, 200)];
            byte[] message = new byte[random.Next(0, 3000)];
            random.NextBytes(key);
            random.NextBytes(message);
            using KeyedHash native = Hmacs.Create(name, Backend.LibCrypto, key);
            using KeyedHash managed = Hmacs.Create(name, Backend.Managed, key);
            int outputSize = random.Next(1, native.OutputSize + 1);

            // Two messages per context, so the keyless re-initialisation between them is compared too.
            for (int message2 = 0; message2 < 2; message2++)
            {
                Assert.Equal(MacInPieces(managed, message, outputSize, random), MacInPieces(native, message, outputSize, random));
            }
        }
    }

    private static byte[] MacInPieces(KeyedHash mac, byte[] message, int outputSize, Random random)
    {
        int offset = 0;
        while (offset < message.Length)
        {
            int length = random.Next(0, message.Length - offset + 1);
            mac.Append(message.AsSpan(offset, length));
            offset += length;
        }

        byte[] output = new byte[outputSize];
        mac.Finish(output);
        return output;
    }
}
