using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>A forwarding switch in memory that remembers how often it was written.</summary>
internal sealed class FakeIpForwarding(bool enabled) : IIpForwarding
{
    private volatile bool _enabled = enabled;
    private int _writes;

    public bool Ipv4Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            Interlocked.Increment(ref _writes);
        }
    }

    public int Writes => Volatile.Read(ref _writes);
}
