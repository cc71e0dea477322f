using System.CommandLine;

namespace IpsecTun.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => CreateRoot().Parse(args).InvokeAsync();

    internal static RootCommand CreateRoot() => new("ipsectun: a user-space IPsec VPN endpoint (IKEv2 and ESP).")
    {
        RunCommand.Create(),
        DemoCommand.Create(),
        CheckCommand.Create(),
        ImportRouterOsCommand.Create(),
        ConnectCommand.Create(),
        DisconnectCommand.Create(),
        ShowCommand.Create(),
        ReloadCommand.Create(),
        KillConnectionsCommand.Create(),
        FlushSaCommand.Create(),
    };
}
