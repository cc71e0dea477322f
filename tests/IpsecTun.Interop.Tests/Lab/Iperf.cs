using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>A TCP transfer with iperf3 between two inside addresses, the server in one namespace and the client in the other.</summary>
internal static class Iperf
{
    /// <summary>Runs a transfer of <paramref name="seconds"/> and returns the receiver's throughput in Mbit/s.</summary>
    public static double MeasureTcp(NetworkNamespace serverSide, IPAddress serverAddress, NetworkNamespace clientSide, IPAddress clientAddress, int seconds) =>
        RunTcp(serverSide, serverAddress, clientSide, clientAddress, seconds).Mbps;

    /// <summary>
    /// Runs a transfer of <paramref name="seconds"/>: the receiver's throughput in Mbit/s and the sender's throughput
    /// in each one-second interval. Throws when iperf3 fails, as it does when the connection is reset.
    /// </summary>
    public static (double Mbps, IReadOnlyList<double> IntervalMbps) RunTcp(
        NetworkNamespace serverSide, IPAddress serverAddress, NetworkNamespace clientSide, IPAddress clientAddress, int seconds)
    {
        using var server = new BackgroundProcess("ip", serverSide.Wrap("iperf3", "-s", "-1", "-B", serverAddress.ToString()));
        Thread.Sleep(500);
        CommandResult client = clientSide.Exec(
            TimeSpan.FromSeconds(seconds + 30),
            "iperf3", "-c", serverAddress.ToString(), "-B", clientAddress.ToString(), "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J");
        if (client.ExitCode != 0)
        {
            throw new InvalidOperationException($"iperf3 failed: {client}\nserver: {server.Output}");
        }

        using JsonDocument report = JsonDocument.Parse(client.Output);
        double bitsPerSecond = report.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
        List<double> intervals = [.. report.RootElement.GetProperty("intervals").EnumerateArray()
            .Select(i => i.GetProperty("sum").GetProperty("bits_per_second").GetDouble() / 1e6)];
        return (bitsPerSecond / 1e6, intervals);
    }
}
