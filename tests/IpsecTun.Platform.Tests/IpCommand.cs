using System.Diagnostics;
using System.Text.Json;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// Runs iproute2's `ip -j` as an independent witness of what the kernel holds. It must be called on the
/// namespace thread: the child process is forked from the calling thread and inherits its namespace.
/// </summary>
internal static class IpCommand
{
    public static JsonElement Json(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-j");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ip {string.Join(' ', arguments)} failed: {error}");
        using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(output) ? "[]" : output);
        return document.RootElement.Clone();
    }

    public static IEnumerable<string> LinkNames() =>
        Json("link", "show").EnumerateArray().Select(link => link.GetProperty("ifname").GetString()!);

    /// <summary>
    /// Waits up to five seconds for a link to leave the kernel's list. A TUN device goes when the last
    /// reference to its descriptor goes, and a process forked by another test at that moment holds a copy
    /// until it execs.
    /// </summary>
    public static void WaitUntilLinkGone(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (LinkNames().Contains(name) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }
}
