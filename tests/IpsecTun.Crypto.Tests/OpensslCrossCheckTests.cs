using System.Diagnostics;

namespace IpsecTun.Crypto.Tests;

/// <summary>
/// AES-CMAC and HMAC at message lengths the RFC examples do not reach (one byte either side of block
/// boundaries, a full ESP packet), checked against the openssl command.
/// </summary>
public class OpensslCrossCheckTests
{
    public static TheoryData<int> Lengths => new([1, 15, 17, 31, 32, 33, 63, 64, 65, 127, 129, 1400]);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Cmac_matches_openssl(int length)
    {
        byte[] key = TestBytes.Counting(16);
        byte[] message = Message(length);
        using KeyedHash cmac = PrfAlgorithms.Aes128Cmac.Create(key);
        byte[] output = new byte[16];

        cmac.Compute(message, output);

        Assert.Equal(OpensslMac(message, "-cipher", "AES-128-CBC", "-macopt", $"hexkey:{Convert.ToHexString(key)}", "CMAC"), output);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Hmac_sha384_matches_openssl(int length)
    {
        byte[] key = TestBytes.Fill(0x61, 48);
        byte[] message = Message(length);
        using KeyedHash hmac = PrfAlgorithms.HmacSha2_384.Create(key);
        byte[] output = new byte[48];

        hmac.Compute(message, output);

        Assert.Equal(OpensslMac(message, "-digest", "SHA384", "-macopt", $"hexkey:{Convert.ToHexString(key)}", "HMAC"), output);
    }

    private static byte[] Message(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 3)).ToArray();

    private static byte[] OpensslMac(byte[] message, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("mac");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("openssl is not installed.");
            throw;
        }

        using (process)
        {
            process.StandardInput.BaseStream.Write(message);
            process.StandardInput.Close();
            string hex = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return Convert.FromHexString(hex);
        }
    }
}
