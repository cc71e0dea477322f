using System.Net;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// The datagram socket a <see cref="RadiusClient"/> talks through; <see cref="UdpRadiusTransport"/> is the real
/// one, tests and embedders may supply their own. One receiver at a time calls <see cref="ReceiveAsync"/>.
/// </summary>
public interface IRadiusTransport : IDisposable
{
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint server, CancellationToken cancellationToken);

    /// <summary>Waits for the next datagram; returns its length in <paramref name="buffer"/> and its source.</summary>
    ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
