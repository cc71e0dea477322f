namespace IpsecTun.Cli.Tests;

/// <summary><c>ipsectun run</c> with a configuration it cannot run.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("ipsectun-run-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task A_configuration_with_an_error_exits_2_with_one_line_naming_file_entry_and_property()
    {
        string bad = Path.Combine(directory.FullName, "bad.json");
        File.WriteAllText(bad, """{ "ip": { "ipsec": { "peer": [ { "name": "office", "exchange-mode": "ike2", "port": "x" } ] } } }""");

        var (code, output, error) = await CommandLine.RunAsync("run", "--config", bad, "--control", Path.Combine(directory.FullName, "control.sock"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(bad)}:1: ip\.ipsec\.peer\[0\] \(office\): port: [^\n]+\n$", error);
        Assert.False(File.Exists(Path.Combine(directory.FullName, "control.state")), "run started before it had a valid configuration");
    }
}
