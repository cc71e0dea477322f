using IpsecTun.Core;

namespace IpsecTun.Platform;

/// <summary>
/// A layer-3 virtual adapter: every read returns one IP packet the system sent into it, every write hands
/// one IP packet to the system's stack as if it had arrived on the adapter.
/// </summary>
public interface ITunDevice : IDisposable
{
    /// <summary>The adapter's name as the system knows it.</summary>
    string Name { get; }

    /// <summary>The adapter's interface index, for routes and addresses.</summary>
    int InterfaceIndex { get; }

    /// <summary>Packets a write could not hand over (rejected by the system); they are dropped, not retried.</summary>
    long WriteErrors { get; }

    /// <summary>
    /// Packets dropped because they filled a read buffer completely and may have been truncated; a buffer's
    /// space after its headroom must exceed the adapter's MTU.
    /// </summary>
    long OversizedReads { get; }

    /// <summary>
    /// Waits until at least one packet is available, then fills as many of <paramref name="buffers"/> as
    /// packets are queued without waiting again. Each filled buffer is reset to its default headroom and holds
    /// one packet. Returns the number filled, or 0 once <see cref="StopReading"/> was called.
    /// </summary>
    int ReadBatch(Span<PacketBuffer> buffers);

    /// <summary>Writes each packet's <see cref="PacketBuffer.Data"/>; returns how many were accepted.</summary>
    int WriteBatch(ReadOnlySpan<PacketBuffer> packets);

    /// <summary>Makes a waiting or later <see cref="ReadBatch"/> return 0; safe from any thread.</summary>
    void StopReading();
}
