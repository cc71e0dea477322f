using IpsecTun.Core;

namespace IpsecTun.Platform;

/// <summary>A bound UDP or raw IP socket that moves datagrams in batches between the network and packet buffers.</summary>
public interface IDatagramSocket : IDisposable
{
    NetworkEndpoint LocalEndpoint { get; }

    /// <summary>Datagrams dropped on receive because they did not fit their buffer.</summary>
    long OversizedReceives { get; }

    /// <summary>Datagrams the system refused to send (unreachable, buffer full); dropped, not retried.</summary>
    long SendErrors { get; }

    /// <summary>
    /// Waits for at least one datagram, then fills as many buffers as datagrams are queued, each reset to
    /// its default headroom, with the sender in the same position of <paramref name="sources"/>.
    /// Returns the number filled, or 0 once <see cref="StopReceiving"/> was called.
    /// </summary>
    int ReceiveBatch(Span<PacketBuffer> buffers, Span<NetworkEndpoint> sources);

    /// <summary>Sends each buffer's data to the endpoint in the same position; returns how many were sent.</summary>
    int SendBatch(ReadOnlySpan<PacketBuffer> datagrams, ReadOnlySpan<NetworkEndpoint> destinations);

    /// <summary>Makes a waiting or later <see cref="ReceiveBatch"/> return 0; safe from any thread.</summary>
    void StopReceiving();
}
