using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using IpsecTun.Cli.Demo;

namespace IpsecTun.Cli;

/// <summary>
/// <c>ipsectun demo</c>: with no configuration of its own, builds two hosts in network namespaces, runs a
/// gateway and a client endpoint of this program in them, brings up the tunnel, pings through it, prints
/// the client's active-peers and installed-sa, and removes everything again. Without root, on Windows (or with
/// <c>--in-process</c>) the same two endpoints run in this process over loopback UDP with in-memory adapters.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var inProcess = new Option<bool>("--in-process")
        {
            Description = "Runs both endpoints in this process over loopback UDP with in-memory adapters, as without root.",
        };
        var command = new Command("demo", "Runs a gateway and a client in two network namespaces (without root: in this process over loopback), brings up a tunnel and sends traffic through it.")
        {
            inProcess,
        };
        command.SetAction(parseResult => Run(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, parseResult.GetValue(inProcess)));
        return command;
    }

    private static int Run(TextWriter output, TextWriter error, bool inProcess)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            error.WriteLine("ipsectun demo: this system is not supported (Linux and Windows are).");
            return ExitCodes.Usage;
        }

        if (inProcess || !Environment.IsPrivilegedProcess || !OperatingSystem.IsLinux())
        {
            if (!inProcess)
            {
                output.WriteLine(OperatingSystem.IsLinux()
                    ? "ipsectun demo: not running as root, so no network namespaces or TUN adapters: both endpoints run in this process over loopback UDP with in-memory adapters."
                    : "ipsectun demo: network namespaces are Linux's, so both endpoints run in this process over loopback UDP with in-memory adapters.");
            }

            return RunInProcess(output, error);
        }

        string directory = Directory.CreateTempSubdirectory("ipsectun-demo-").FullName;
        try
        {
            using var network = new DemoNetwork();
            output.WriteLine($"hosts: gateway {DemoNetwork.GatewayOuter} (LAN {DemoNetwork.GatewayInside}) in {network.Gateway}, client {DemoNetwork.ClientOuter} ({DemoNetwork.ClientInside}) in {network.Client}");
            string psk = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            using DemoEndpoint gateway = DemoEndpoint.Start(network.Gateway, directory, "gateway", DemoConfigurations.Gateway(psk));
            using DemoEndpoint client = DemoEndpoint.Start(network.Client, directory, "client", DemoConfigurations.Client(psk));

            output.WriteLine($"$ ipsectun connect {DemoConfigurations.ClientPeer}");
            int connected = client.Cli("connect", DemoConfigurations.ClientPeer, "--timeout", "30s");
            if (connected != ExitCodes.Success)
            {
                error.WriteLine($"ipsectun demo: the tunnel did not come up (exit code {connected}); the client's log:\n{client.Log}");
                return connected;
            }

            output.WriteLine($"$ ping -c 3 -I {DemoNetwork.ClientInside} {DemoNetwork.GatewayInside}   (through the tunnel)");
            output.Flush();
            int ping = DemoProcess.Run(DemoNetwork.In(network.Client, "ping", "-n", "-c", "3", "-i", "0.3", "-I", DemoNetwork.ClientInside, DemoNetwork.GatewayInside));
            output.WriteLine("$ ipsectun show active-peers");
            output.Flush();
            client.Cli("show", "active-peers");
            output.WriteLine("$ ipsectun show installed-sa");
            output.Flush();
            client.Cli("show", "installed-sa");
            output.WriteLine("$ ipsectun disconnect office; stopping both endpoints and removing the namespaces");
            client.Cli("disconnect", DemoConfigurations.ClientPeer);
            return ping == 0 ? ExitCodes.Success : ExitCodes.Timeout;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
        {
            // The namespaces or an endpoint could not be set up: no endpoint runs to connect through.
            error.WriteLine($"ipsectun demo: {e.Message}");
            return ExitCodes.NoEndpoint;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int RunInProcess(TextWriter output, TextWriter error)
    {
        try
        {
            return LoopbackDemo.Run(output, error);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException or System.ComponentModel.Win32Exception)
        {
            // The endpoints could not start (their loopback sockets, say): as above, none runs.
            error.WriteLine($"ipsectun demo: {e.Message}");
            return ExitCodes.NoEndpoint;
        }
    }
}
