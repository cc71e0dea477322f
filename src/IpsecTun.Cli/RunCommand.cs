using System.CommandLine;
using System.Runtime.InteropServices;
using IpsecTun.Config;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Runtime;
using IpsecTun.Platform;
using IpsecTun.Platform.Dns;
using IpsecTun.Platform.State;
using Microsoft.Extensions.Logging;

namespace IpsecTun.Cli;

/// <summary>
/// <c>ipsectun run --config FILE [--control PATH] [--debug]</c>: runs the endpoint in the foreground until SIGINT or
/// SIGTERM, then deletes its SAs with the peers and removes its adapter and routes. SIGHUP reloads.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = "The configuration file (JSON).",
            Required = true,
        };
        var control = new Option<string?>("--control")
        {
            Description = "Path of the control socket (else IPSECTUN_CONTROL, ipsectun.control of the configuration, /run/ipsectun/ipsectun.sock).",
        };
        var debug = new Option<bool>("--debug")
        {
            Description = "Also log the debug topic (each exchange, keys derived, datagrams dropped and why), as RouterOS's ipsec,debug.",
        };
        var command = new Command("run", "Runs the endpoint in the foreground until SIGINT or SIGTERM.") { config, control, debug };
        command.SetAction((parseResult, _) => Run(
            parseResult, parseResult.GetRequiredValue(config).ToString(), parseResult.GetValue(control), parseResult.GetValue(debug) ? LogLevel.Debug : LogLevel.Information));
        return command;
    }

    private static async Task<int> Run(ParseResult parseResult, string path, string? controlPath, LogLevel logLevel)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            await error.WriteLineAsync("ipsectun run: this system is not supported (Linux and Windows are)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        EndpointPlanResult loaded = Load(path);
        if (loaded.Plan is null)
        {
            foreach (ConfigurationError line in loaded.Errors)
            {
                await error.WriteLineAsync(line.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.InvalidConfiguration;
        }

        return await RunWithState(error, path, controlPath, loaded, logLevel).ConfigureAwait(false);
    }

    /// <summary>
    /// Cleans what a crashed run with the same control socket left, then runs while a state file beside
    /// that socket lists the adapter, every address and route added and IPv4 forwarding as it was before
    /// the run turned it, for the next start to clean in turn. A clean exit removes the file once
    /// everything in it is undone.
    /// </summary>
    private static async Task<int> RunWithState(TextWriter error, string path, string? controlPath, EndpointPlanResult loaded, LogLevel logLevel)
    {
        IpsecConfiguration configuration = loaded.Plan!.Configuration;
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel));
        ILogger log = loggers.CreateLogger("ipsectun");
        string control = ControlPath.Resolve(controlPath, configuration);
        string statePath = StatePath(control);
        StaleCleanupReport stale = StaleStateCleaner.Clean(statePath);
        if (stale.OwnerRunning)
        {
            await error.WriteLineAsync($"ipsectun run: another run that is still alive owns {statePath}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (stale.Found)
        {
            RunLog.StaleStateCleaned(log, statePath, stale.Removed, stale.AlreadyGone, string.Concat(stale.Failures.Select(f => "; " + f)));
        }

        StateFile state;
        try
        {
            state = new StateFile(statePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"ipsectun run: cannot write the state file {statePath}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        int exitCode = await RunRecorded(error, path, control, loaded, loggers, log, state).ConfigureAwait(false);
        state.Delete();
        return exitCode;
    }

    /// <summary>
    /// The state file of the run answering on <paramref name="control"/>, so endpoints that run side by side keep
    /// theirs apart: beside the socket on Linux, %ProgramData%\ipsectun\PIPE.state for a Windows pipe.
    /// </summary>
    internal static string StatePath(string control) => OperatingSystem.IsWindows()
        ? StateFile.DefaultPath(ControlPath.PipeName(control).Replace('\\', '_'))
        : Path.ChangeExtension(control, ".state");

    private static async Task<int> RunRecorded(
        TextWriter error, string path, string control, EndpointPlanResult loaded, ILoggerFactory loggers, ILogger log, StateFile state)
    {
        IpsecConfiguration configuration = loaded.Plan!.Configuration;
        ITunDevice tun;
        try
        {
            tun = HostPlatform.OpenTunDevice(configuration.Endpoint.Interface.Name);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or DllNotFoundException)
        {
            string needed = OperatingSystem.IsWindows() ? "an elevated prompt and wintun.dll beside ipsectun.exe are needed" : "root or CAP_NET_ADMIN is needed";
            await error.WriteLineAsync($"ipsectun run: cannot create the adapter {configuration.Endpoint.Interface.Name}: {e.Message} ({needed})").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        state.RecordDevice(tun.Name, tun.InterfaceIndex);

        // DNS from mode-config and IP forwarding for server mode are configured on Linux only.
        bool linux = OperatingSystem.IsLinux();
        using (tun)
        using (var configurator = new RecordingNetworkConfigurator(HostPlatform.CreateConfigurator(), state))
        using (RecordingIpForwarding? forwarding = linux ? new RecordingIpForwarding(new ProcIpForwarding(), state) : null)
        {
            var environment = new EndpointEnvironment(tun, configurator, new SystemEndpointNetwork())
            {
                Loggers = loggers,
                Dns = linux ? DnsConfigurators.ForSystem(NetworkNamespaceName.Current(), state) : null,
                ReloadPlan = () => Load(path),
                Forwarding = forwarding,
            };
            using var endpoint = new Endpoint(loaded.Plan, environment);
            try
            {
                endpoint.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                await error.WriteLineAsync($"ipsectun run: cannot start: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            ControlServer controlServer;
            try
            {
                controlServer = ControlServer.Start(control, endpoint, log);
            }
            catch (ControlSocketInUseException e)
            {
                endpoint.Stop();
                await error.WriteLineAsync($"ipsectun run: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await using ControlServer server = controlServer;
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            // On Windows SIGHUP stands for the console window closing: that stops, `ipsectun reload` reloads.
            using PosixSignalRegistration hangUp = OperatingSystem.IsWindows()
                ? PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop)
                : PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    _ = Task.Run(() => Reload(endpoint, log));
                });
            await stop.Task.ConfigureAwait(false);
            endpoint.Stop();
            return ExitCodes.Success;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.TrySetResult();
            }
        }
    }

    private static void Reload(Endpoint endpoint, ILogger log)
    {
        ReloadOutcome outcome = endpoint.Reload();
        if (outcome.Succeeded)
        {
            RunLog.Reloaded(log, outcome.TunnelsKept, outcome.TunnelsRestarted);
        }
        else
        {
            RunLog.ReloadFailed(log, string.Join("; ", outcome.Errors));
        }
    }

    /// <summary>Loads and plans; where raw ESP is not received (Windows) every peer carries ESP in UDP.</summary>
    internal static EndpointPlanResult Load(string path) => Load(path, !HostPlatform.ReceivesRawEsp);

    internal static EndpointPlanResult Load(string path, bool forceUdpEncapsulation)
    {
        ConfigurationLoadResult result = ConfigurationLoader.Load(new ConfigurationLoadOptions(path, []));
        return result.Configuration is { } configuration
            ? EndpointPlanBuilder.Build(configuration, path, forceUdpEncapsulation)
            : new EndpointPlanResult(null, result.Errors);
    }
}
