using System.Net;
using System.Net.Sockets;

namespace IpsecTun.Tests.Shared.Radius;

/// <summary>A RADIUS server on a real 127.0.0.1 UDP socket whose answers the test decides, datagram by datagram.</summary>
internal sealed class UdpFakeRadiusServer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<byte[], IEnumerable<byte[]>> _answer;

    /// <param name="answer">The datagrams to send back for one received request, in order (none to stay silent).</param>
    public UdpFakeRadiusServer(Func<byte[], IEnumerable<byte[]>> answer)
    {
        _answer = answer;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(LoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public List<byte[]> Received { get; } = [];

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        byte[] buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            byte[] request = buffer[..received.ReceivedBytes];
            lock (Received)
            {
                Received.Add(request);
            }

            foreach (byte[] answer in _answer(request))
            {
                await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }
}
