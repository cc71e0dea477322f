using System.Diagnostics;
using System.Text;

namespace IpsecTun.Cli.Demo;

/// <summary>
/// One `ipsectun run` of the demo inside its namespace, with its configuration and control socket in the
/// demo's folder; its log is kept for a failure message. Dispose stops it with SIGTERM (deleting its SAs
/// with the peer), and kills it if it does not end in time.
/// </summary>
internal sealed class DemoEndpoint : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _netns;
    private readonly string _control;

    private DemoEndpoint(Process process, string netns, string control)
    {
        _process = process;
        _netns = netns;
        _control = control;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static DemoEndpoint Start(string netns, string directory, string name, string configuration)
    {
        string config = Path.Combine(directory, $"{name}.json");
        string control = Path.Combine(directory, $"{name}.sock");
        File.WriteAllText(config, configuration);
        ProcessStartInfo start = DemoProcess.StartInfo(DemoNetwork.In(netns, [.. DemoProcess.Self, "run", "--config", config, "--control", control]), redirect: true);
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start the {name} endpoint.");
        var endpoint = new DemoEndpoint(process, netns, control);
        process.OutputDataReceived += (_, e) => endpoint.Append(e.Data);
        process.ErrorDataReceived += (_, e) => endpoint.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(control))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                string log = endpoint.Log;
                endpoint.Dispose();
                throw new InvalidOperationException($"the {name} endpoint did not start: {log.Trim()}");
            }

            Thread.Sleep(100);
        }

        return endpoint;
    }

    /// <summary>Runs an ipsectun command against this endpoint, its output going to the demo's.</summary>
    public int Cli(params string[] arguments) => DemoProcess.Run(DemoNetwork.In(_netns, [.. DemoProcess.Self, .. arguments, "--control", _control]));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            DemoProcess.RunQuietlyOrIgnore("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
