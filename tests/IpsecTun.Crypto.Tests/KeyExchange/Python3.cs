using System.ComponentModel;
using System.Diagnostics;

namespace IpsecTun.Crypto.Tests;

/// <summary>Runs a python3 script as an independent reference implementation; skips the test where python3 is missing.</summary>
internal static class Python3
{
    public static string Run(string script, string input)
    {
        var start = new ProcessStartInfo("python3", ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Win32Exception)
        {
            Assert.Skip("python3 is not installed: no independent implementation to compare with");
            throw;
        }

        using (process)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"python3 failed: {errors}");
            return output;
        }
    }
}
