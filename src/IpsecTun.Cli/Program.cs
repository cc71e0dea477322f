using System.CommandLine;

namespace IpsecTun.Cli;

internal static class Program
{
    private static int Main(string[] args) => CreateRoot().Parse(args).Invoke();

    internal static RootCommand CreateRoot() => new("ipsectun: a user-space IPsec VPN endpoint (IKEv2 and ESP).")
    {
        CheckCommand.Create(),
        ImportRouterOsCommand.Create(),
    };
}
