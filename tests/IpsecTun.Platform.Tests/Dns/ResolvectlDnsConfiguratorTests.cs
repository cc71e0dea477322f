using System.Net;
using IpsecTun.Platform.Dns;

namespace IpsecTun.Platform.Tests.Dns;

public sealed class ResolvectlDnsConfiguratorTests
{
    private readonly RecordingRunner _runner = new();

    [Fact]
    public void Without_domains_every_name_is_routed_to_the_tunnel_servers()
    {
        var dns = new ResolvectlDnsConfigurator(_runner);

        dns.Apply("ipsec0", [IPAddress.Parse("10.5.8.53"), IPAddress.Parse("10.5.8.54")], []);

        Assert.Equal(
            ["resolvectl dns ipsec0 10.5.8.53 10.5.8.54", "resolvectl domain ipsec0 ~.", "resolvectl default-route ipsec0 yes"],
            _runner.Commands);
    }

    [Fact]
    public void Internal_domains_are_routed_and_searched_on_the_tunnel_link_only()
    {
        var dns = new ResolvectlDnsConfigurator(_runner);

        dns.Apply("ipsec0", [IPAddress.Parse("10.5.8.53")], ["corp.example", "lab.example"]);
        dns.Restore();
        dns.Restore();

        Assert.Equal(
            ["resolvectl dns ipsec0 10.5.8.53", "resolvectl domain ipsec0 corp.example lab.example", "resolvectl default-route ipsec0 no",
             "resolvectl revert ipsec0"],
            _runner.Commands);
    }

    [Fact]
    public void A_failing_command_is_reported_with_its_error()
    {
        _runner.ExitCode = 1;
        var dns = new ResolvectlDnsConfigurator(_runner);

        IOException e = Assert.Throws<IOException>(() => dns.Apply("ipsec0", [IPAddress.Loopback], []));
        Assert.Equal("resolvectl dns ipsec0 127.0.0.1 failed (1): Failed to set DNS configuration: Link ipsec0 not known", e.Message);
    }

    private sealed class RecordingRunner : ICommandRunner
    {
        public List<string> Commands { get; } = [];

        public int ExitCode { get; set; }

        public (int ExitCode, string Error) Run(string program, IReadOnlyList<string> arguments)
        {
            Commands.Add($"{program} {string.Join(' ', arguments)}");
            return (ExitCode, ExitCode == 0 ? string.Empty : $"Failed to set DNS configuration: Link {arguments[1]} not known");
        }
    }
}
