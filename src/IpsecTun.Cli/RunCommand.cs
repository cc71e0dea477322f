using System.CommandLine;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
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
/// <c>ipsectun run --config FILE [--control PATH]</c>: runs the endpoint in the foreground until SIGINT or
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
        var command = new Command("run", "Runs the endpoint in the foreground until SIGINT or SIGTERM.") { config, control };
        command.SetAction((parseResult, _) => Run(parseResult, parseResult.GetRequiredValue(config).ToString(), parseResult.GetValue(control)));
        return command;
    }

    private static async Task<int> Run(ParseResult parseResult, string path, string? controlPath)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        if (!OperatingSystem.IsLinux())
        {
            await error.WriteLineAsync("ipsectun run: this system is not supported yet (Linux only)").ConfigureAwait(false);
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

        return await RunLinux(error, path, controlPath, loaded).ConfigureAwait(false);
    }

    /// <summary>
    /// Cleans what a crashed run with the same control socket left, then runs while a state file beside
    /// that socket lists the adapter, every address and route added and IPv4 forwarding as it was before
    /// the run turned it, for the next start to clean in turn. A clean exit removes the file once
    /// everything in it is undone.
    /// </summary>
    [SupportedOSPlatform("linux")]
    private static async Task<int> RunLinux(TextWriter error, string path, string? controlPath, EndpointPlanResult loaded)
    {
        IpsecConfiguration configuration = loaded.Plan!.Configuration;
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
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

    /// <summary>The state file of the run answering on <paramref name="control"/>: beside it, so endpoints that run side by side keep theirs apart.</summary>
    internal static string StatePath(string control) => Path.ChangeExtension(control, ".state");

    [SupportedOSPlatform("linux")]
    private static async Task<int> RunRecorded(
        TextWriter error, string path, string control, EndpointPlanResult loaded, ILoggerFactory loggers, ILogger log, StateFile state)
    {
        IpsecConfiguration configuration = loaded.Plan!.Configuration;
        TunDevice tun;
        try
        {
            tun = TunDevice.Open(configuration.Endpoint.Interface.Name);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await error.WriteLineAsync($"ipsectun run: cannot create the adapter {configuration.Endpoint.Interface.Name}: {e.Message} (root or CAP_NET_ADMIN is needed)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        state.RecordDevice(tun.Name, tun.InterfaceIndex);
        using (tun)
        using (var configurator = new RecordingNetworkConfigurator(new NetlinkNetworkConfigurator(), state))
        using (var forwarding = new RecordingIpForwarding(new ProcIpForwarding(), state))
        {
            var environment = new EndpointEnvironment(tun, configurator, new SystemEndpointNetwork())
            {
                Loggers = loggers,
                Dns = DnsConfigurators.ForSystem(NetworkNamespaceName.Current(), state),
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
            using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
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

    internal static EndpointPlanResult Load(string path)
    {
        ConfigurationLoadResult result = ConfigurationLoader.Load(new ConfigurationLoadOptions(path, []));
        return result.Configuration is { } configuration
            ? EndpointPlanBuilder.Build(configuration, path)
            : new EndpointPlanResult(null, result.Errors);
    }
}
