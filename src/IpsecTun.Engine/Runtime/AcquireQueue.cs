using IpsecTun.Core;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The first packets of a policy that has no SA yet, held (in their pool buffers) until IKE installs one.
/// Bounded per policy; older packets stay and newer ones are dropped, as the kernel's acquire queue does.
/// </summary>
internal sealed class AcquireQueue
{
    public const int Capacity = 4;

    private readonly PacketBuffer[] _packets = new PacketBuffer[Capacity];

    public int Count { get; private set; }

    public bool TryAdd(PacketBuffer packet)
    {
        if (Count == Capacity)
        {
            return false;
        }

        _packets[Count++] = packet;
        return true;
    }

    /// <summary>Hands every held packet to <paramref name="take"/> and empties the queue.</summary>
    public void Drain(Action<PacketBuffer> take)
    {
        for (int i = 0; i < Count; i++)
        {
            take(_packets[i]);
            _packets[i] = null!;
        }

        Count = 0;
    }
}
