using System.Diagnostics;

namespace IpsecTun.Crypto.Tests;

/// <summary>Runs the <c>openssl enc</c> command as an independent reference; skips the test where openssl is absent.</summary>
internal static class OpenSslEnc
{
    /// <summary>Encrypts <paramref name="input"/> with raw key and IV and no padding.</summary>
    public static byte[] Encrypt(string cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, byte[] input, bool legacy = false)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "enc", "-e", $"-{cipher}", "-K", Convert.ToHexString(key), "-iv", Convert.ToHexString(iv), "-nopad" })
        {
            start.ArgumentList.Add(argument);
        }

        if (legacy)
        {
            // DES and Blowfish live in OpenSSL 3's legacy provider.
            foreach (string argument in new[] { "-provider", "legacy", "-provider", "default" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("the openssl command is not installed");
            throw;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0 && error.Result.Contains("unsupported", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Skip($"this openssl does not offer {cipher}: {error.Result}");
            }

            Assert.True(process.ExitCode == 0, $"openssl enc -{cipher} failed: {error.Result}");
            return output.ToArray();
        }
    }
}
