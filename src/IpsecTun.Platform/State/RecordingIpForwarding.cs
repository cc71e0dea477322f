namespace IpsecTun.Platform.State;

/// <summary>
/// An <see cref="IIpForwarding"/> that records the switch's value in a <see cref="StateFile"/> before it first
/// changes it, so that <see cref="StaleStateCleaner"/> puts it back after a crash. Setting the recorded value
/// again forgets the record; Dispose restores it if a change is still recorded (a clean exit).
/// </summary>
public sealed class RecordingIpForwarding(IIpForwarding inner, StateFile state) : IIpForwarding, IDisposable
{
    private readonly IIpForwarding _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly StateFile _state = state ?? throw new ArgumentNullException(nameof(state));
    private readonly Lock _lock = new();
    private bool? _before;

    public bool Ipv4Enabled
    {
        get => _inner.Ipv4Enabled;
        set
        {
            lock (_lock)
            {
                if (_before is null)
                {
                    Change(value);
                }
                else
                {
                    _inner.Ipv4Enabled = value;
                    if (value == _before)
                    {
                        _before = null;
                        _state.ForgetIpv4Forwarding();
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_before is { } before)
            {
                _inner.Ipv4Enabled = before;
                _before = null;
                _state.ForgetIpv4Forwarding();
            }
        }
    }

    /// <summary>The first change: the old value goes into the file before the system is touched, and out again if it refuses.</summary>
    private void Change(bool value)
    {
        bool current = _inner.Ipv4Enabled;
        if (current == value)
        {
            return;
        }

        _state.RecordIpv4Forwarding(current);
        try
        {
            _inner.Ipv4Enabled = value;
        }
        catch
        {
            _state.ForgetIpv4Forwarding();
            throw;
        }

        _before = current;
    }
}
