using System.Collections.Concurrent;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>
/// An endpoint whose answers a test sets up: peers with the phases they pass and how they end, rows per
/// menu, a reload outcome, and a peer that never answers (it waits until the connect is cancelled).
/// Records what the control server asked of it.
/// </summary>
internal sealed class FakeEndpoint : IEndpointControl
{
    /// <summary>The name of the peer whose connect only ends by cancellation.</summary>
    public const string SilentPeer = "silent";

    /// <summary>The name of the peer whose connect throws, as a defect in the endpoint would.</summary>
    public const string BrokenPeer = "broken";

    private readonly TaskCompletionSource silentCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Dictionary<string, (ConnectPhase[] Phases, ConnectOutcome Outcome)> Peers { get; } = [];

    public Dictionary<ViewMenu, IReadOnlyList<ViewRow>> Views { get; } = [];

    public ReloadOutcome ReloadOutcome { get; set; } = new([], 0, 0);

    public int IkeSas { get; set; }

    public int InstalledSas { get; set; }

    public ConcurrentQueue<string> Disconnected { get; } = new();

    /// <summary>The <c>withKeys</c> of the last show.</summary>
    public bool? LastWithKeys { get; private set; }

    /// <summary>Completes when a connect to <see cref="SilentPeer"/> was cancelled.</summary>
    public Task SilentConnectCancelled => silentCancelled.Task;

    public async Task<ConnectOutcome> ConnectAsync(string peer, IProgress<ConnectPhase> progress, CancellationToken cancellationToken)
    {
        if (peer == SilentPeer)
        {
            progress.Report(ConnectPhase.Phase1);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                silentCancelled.TrySetResult();
            }
        }

        if (peer == BrokenPeer)
        {
            throw new InvalidOperationException("the IKE SA table is inconsistent");
        }

        if (!Peers.TryGetValue(peer, out var script))
        {
            return new ConnectOutcome(ConnectResult.UnknownPeer, $"no peer named \"{peer}\" is configured");
        }

        foreach (var phase in script.Phases)
        {
            // Yield between phases so that reports and the outcome race as they would in an endpoint.
            await Task.Yield();
            progress.Report(phase);
        }

        return script.Outcome;
    }

    public bool Disconnect(string peer)
    {
        Disconnected.Enqueue(peer);
        return Peers.ContainsKey(peer);
    }

    public IReadOnlyList<ViewRow> Show(ViewMenu menu, bool withKeys)
    {
        LastWithKeys = withKeys;
        return Views.TryGetValue(menu, out var rows) ? rows : [];
    }

    public ReloadOutcome Reload() => ReloadOutcome;

    public int KillConnections() => IkeSas;

    public int FlushSa() => InstalledSas;
}
