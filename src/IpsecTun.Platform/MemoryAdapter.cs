using System.Collections.Concurrent;
using IpsecTun.Core;

namespace IpsecTun.Platform;

/// <summary>
/// An adapter in memory, with no system behind it: the owner injects the packets applications would send
/// into it and takes what the endpoint wrote. Tests use it, and the demo where it may not create a TUN.
/// </summary>
public sealed class MemoryAdapter(string name, int index) : ITunDevice
{
    private readonly BlockingCollection<byte[]> _toEndpoint = new();
    private readonly CancellationTokenSource _stop = new();

    public string Name { get; } = name;

    public int InterfaceIndex { get; } = index;

    public long WriteErrors => 0;

    public long OversizedReads => 0;

    /// <summary>Packets the endpoint handed to the system, in order.</summary>
    public BlockingCollection<byte[]> Written { get; } = new();

    /// <summary>Queues a packet for the endpoint to read, as if an application had sent it into the adapter.</summary>
    public void Inject(byte[] packet) => _toEndpoint.Add(packet);

    public int ReadBatch(Span<PacketBuffer> buffers)
    {
        try
        {
            byte[] first = _toEndpoint.Take(_stop.Token);
            int count = 0;
            for (byte[]? packet = first; packet is not null && count < buffers.Length; packet = count < buffers.Length && _toEndpoint.TryTake(out byte[]? next) ? next : null)
            {
                buffers[count].TrySet(packet);
                count++;
            }

            return count;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    public int WriteBatch(ReadOnlySpan<PacketBuffer> packets)
    {
        foreach (PacketBuffer packet in packets)
        {
            Written.Add(packet.Data.ToArray());
        }

        return packets.Length;
    }

    public void StopReading() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Dispose();
        _toEndpoint.Dispose();
        Written.Dispose();
    }
}
