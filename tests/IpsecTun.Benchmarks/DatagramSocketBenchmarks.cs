using System.Net;
using System.Runtime.Versioning;
using BenchmarkDotNet.Attributes;
using IpsecTun.Core;
using IpsecTun.Platform;
using IpsecTun.Platform.Sockets;

namespace IpsecTun.Benchmarks;

/// <summary>
/// A batch of 32 datagrams of 1024 bytes sent and received over loopback UDP: recvmmsg/sendmmsg (Linux)
/// against System.Net.Sockets one datagram per call (the Windows path). Allocated shows whether either
/// path allocates per datagram.
/// </summary>
[SupportedOSPlatform("linux")]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DatagramSocketBenchmarks
{
    private const int Batch = 32;

    private IDatagramSocket _sender = null!;
    private IDatagramSocket _receiver = null!;
    private PacketBuffer[] _datagrams = null!;
    private PacketBuffer[] _buffers = null!;
    private NetworkEndpoint[] _destinations = null!;
    private NetworkEndpoint[] _sources = null!;

    [Params("recvmmsg", "managed")]
    public string Path { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        // Large enough that a whole batch queues without loss.
        var options = new UdpSocketOptions { ReceiveBufferSize = 1 << 20, SendBufferSize = 1 << 20 };
        _sender = Path == "managed" ? ManagedUdpSocket.Open(loopback, options) : UdpSocket.Open(loopback, options);
        _receiver = Path == "managed" ? ManagedUdpSocket.Open(loopback, options) : UdpSocket.Open(loopback, options);
        _datagrams = new PacketBuffer[Batch];
        _buffers = new PacketBuffer[Batch];
        for (int i = 0; i < Batch; i++)
        {
            _datagrams[i] = new PacketBuffer(2048, 64);
            _datagrams[i].TrySet(new byte[1024]);
            _buffers[i] = new PacketBuffer(2048, 64);
        }

        _destinations = Enumerable.Repeat(_receiver.LocalEndpoint, Batch).ToArray();
        _sources = new NetworkEndpoint[Batch];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SendAndReceive()
    {
        int sent = _sender.SendBatch(_datagrams, _destinations);
        int received = 0;
        while (received < sent)
        {
            received += _receiver.ReceiveBatch(_buffers, _sources);
        }

        return received;
    }
}
