using IpsecTun.Platform.Dns;

namespace IpsecTun.Platform.Tests.Dns;

public sealed class DnsConfiguratorsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ipsectun-root-").FullName;

    [Fact]
    public void Systemd_resolved_is_used_where_it_runs()
    {
        Directory.CreateDirectory(Path.Combine(_root, "run", "systemd", "resolve"));
        Assert.IsType<ResolvectlDnsConfigurator>(DnsConfigurators.ForSystem(null, null, _root));
    }

    [Fact]
    public void Otherwise_etc_resolv_conf_is_rewritten()
    {
        var dns = Assert.IsType<ResolvConfDnsConfigurator>(DnsConfigurators.ForSystem(null, null, _root));
        Assert.Equal(Path.Combine(_root, "etc", "resolv.conf.ipsectun-backup"), dns.BackupPath);
    }

    [Fact]
    public void In_a_named_network_namespace_its_own_resolv_conf_is_rewritten_even_with_resolved()
    {
        Directory.CreateDirectory(Path.Combine(_root, "run", "systemd", "resolve"));
        var dns = Assert.IsType<ResolvConfDnsConfigurator>(DnsConfigurators.ForSystem("client1", null, _root));
        Assert.Equal(Path.Combine(_root, "etc", "netns", "client1", "resolv.conf.ipsectun-backup"), dns.BackupPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void A_namespace_name_that_is_not_a_file_name_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => DnsConfigurators.ForSystem(name, null, _root));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
