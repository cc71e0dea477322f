using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IpsecTun.Eap.Tests;

/// <summary>A server process run in the foreground for a test fixture: its output collected as a log, started once it prints a ready line.</summary>
internal sealed class ForegroundServer : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private ForegroundServer(string file, string[] arguments)
    {
        _process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
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

    /// <summary>Starts <paramref name="file"/> and waits up to 30 s for a line containing <paramref name="readyLine"/>.</summary>
    public static async Task<ForegroundServer> StartAsync(string file, string[] arguments, string readyLine)
    {
        var server = new ForegroundServer(file, arguments);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object sender, DataReceivedEventArgs e)
        {
            lock (server._log)
            {
                server._log.AppendLine(e.Data);
            }

            if (e.Data?.Contains(readyLine, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        }

        server._process.OutputDataReceived += Collect;
        server._process.ErrorDataReceived += Collect;
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, server._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
        {
            string log = server.Log;
            await server.DisposeAsync();
            throw new InvalidOperationException($"{file} did not start:\n{log}");
        }

        return server;
    }

    /// <summary>A UDP port on 127.0.0.1 that is free now, for a server to listen on.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
