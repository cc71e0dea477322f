using System.Runtime.ExceptionServices;
using Tmds.Linux;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// Runs a test body in a network namespace of its own. The body runs on a dedicated thread that calls
/// unshare(CLONE_NEWNET): only that thread (and processes it starts) sees the new namespace, the thread
/// pool and the rest of the test host stay where they were, and the namespace with every device in it
/// disappears when the thread ends and its descriptors are closed, whether the body passed or failed.
/// </summary>
internal static class IsolatedNetwork
{
    /// <summary>Skips the test when not root, except under CI=true where a skip would hide a missing check.</summary>
    public static void RequireRoot()
    {
        if (OperatingSystem.IsLinux() && LibC.geteuid() == 0)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("Kernel tests need root on Linux, and CI=true requires them to run.");
        }

        Assert.Skip("Kernel tests need root on Linux (a network namespace and a TUN device).");
    }

    public static void Run(Action body)
    {
        RequireRoot();
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (LibC.unshare(LibC.CLONE_NEWNET) != 0)
                {
                    throw new InvalidOperationException($"unshare(CLONE_NEWNET) failed with errno {LibC.errno}.");
                }

                body();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "isolated network namespace",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
