namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// Interop tests need root (network namespaces, TUN devices) and strongSwan's charon. Without them a test
/// is skipped, except under CI=true, where a skip would hide a check that must run.
/// </summary>
internal static class LabRequirement
{
    public const string Charon = "/usr/lib/ipsec/charon";

    public static void EnsureAvailable()
    {
        string? missing = !OperatingSystem.IsLinux() ? "Linux"
            : Environment.UserName != "root" ? "root"
            : !File.Exists(Charon) ? $"strongSwan ({Charon})"
            : null;
        if (missing is null)
        {
            return;
        }

        Missing(missing);
    }

    /// <summary>Skips the test for want of <paramref name="what"/>, or fails it under CI=true.</summary>
    public static void Missing(string what)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"Interop tests need {what}, and CI=true requires them to run.");
        }

        Assert.Skip($"Interop tests need {what}.");
    }
}
