using IpsecTun.Cli;

namespace IpsecTun.Config.Tests;

/// <summary>The commands' exit codes and output streams.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Check_exits_0_and_summarises_a_valid_file()
    {
        var path = directory.Write("ok.json", """{ "ip": { "ipsec": { "proposal": [ { "name": "p", "pfs-group": "none" } ] } } }""");
        var (code, output, error) = Run("check", "--config", path);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.StartsWith($"{path}: valid: 0 peers", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_exits_2_with_one_line_per_error()
    {
        var path = directory.Write("bad.json", """{ "ip": { "ipsec": { "peer": [ { "name": "a", "exchange-mode": "main", "port": "x" } ] } } }""");
        var (code, output, error) = Run("check", "--config", path);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith($"{path}:1: ip.ipsec.peer[0] (a): ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_applies_set_overrides()
    {
        var path = directory.Write("bad.json", """{ "ip": { "ipsec": { "peer": [ { "name": "a", "exchange-mode": "main" } ] } } }""");
        Assert.Equal(0, Run("check", "--config", path, "--set", "ip.ipsec.peer.0.exchange-mode=ike2").Code);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--config")]
    [InlineData("check", "--config", "x.json", "--set", "novalue")]
    [InlineData("import-routeros")]
    [InlineData("import-routeros", "/nonexistent/script.rsc")]
    public void Usage_errors_exit_1(params string[] args) => Assert.Equal(1, Run(args).Code);

    [Fact]
    public void Import_prints_json_on_stdout_and_skipped_menus_on_stderr()
    {
        var (code, output, error) = Run("import-routeros", Fixture.PathOf("l2tp-server"));
        Assert.Equal(0, code);
        Assert.Contains("\"vpn-pool\"", output, StringComparison.Ordinal);
        Assert.Contains("skipped: /ppp secret (line 8)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_exits_2_on_script_errors_and_prints_no_json()
    {
        var (code, output, error) = Run("import-routeros", Fixture.PathOf("policy-matcher-typo"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("did you mean src-address=192.168.33.1?", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.CreateRoot().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
