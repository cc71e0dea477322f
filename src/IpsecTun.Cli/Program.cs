using System.CommandLine;

namespace IpsecTun.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("ipsectun: a user-space IPsec VPN endpoint (IKEv2 and ESP).");
        return root.Parse(args).Invoke();
    }
}
