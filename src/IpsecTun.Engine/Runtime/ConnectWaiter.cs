using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Runtime;

/// <summary>A connect command waiting for its peer: reports each phase once, in order, and completes once.</summary>
internal sealed class ConnectWaiter(IProgress<ConnectPhase>? progress)
{
    private readonly TaskCompletionSource<ConnectOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectPhase? _reported;

    public Task<ConnectOutcome> Outcome => _outcome.Task;

    public void Reached(ConnectPhase phase)
    {
        if (_reported is null || phase > _reported)
        {
            _reported = phase;
            progress?.Report(phase);
        }
    }

    public void Complete(ConnectResult result, string message)
    {
        if (result == ConnectResult.Established)
        {
            Reached(ConnectPhase.Established);
        }

        _outcome.TrySetResult(new ConnectOutcome(result, message));
    }
}
