using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Engine.Views;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>The control commands, each carried out on the IKE thread.</summary>
public sealed partial class Endpoint : IEndpointControl
{
    public async Task<ConnectOutcome> ConnectAsync(string peer, IProgress<ConnectPhase> progress, CancellationToken cancellationToken)
    {
        var waiter = new ConnectWaiter(progress);
        Post(() =>
        {
            if (!_peers.TryGetValue(peer, out PeerRuntime? runtime))
            {
                waiter.Complete(ConnectResult.UnknownPeer, $"no peer is named {peer}");
                return;
            }

            runtime.Disconnected = false;
            runtime.Backoff.Reset();
            if (_ikeSas.Values.Any(e => e.Peer == runtime && e.EstablishedAt is not null && !e.IsOver && !e.DeletedLocally && e.Sa.ChildSas.Count > 0))
            {
                waiter.Complete(ConnectResult.Established, "established already");
                return;
            }

            runtime.Waiters.Add(waiter);
            Initiate(runtime);
        });
        using (cancellationToken.Register(() => Post(() => waiter.Complete(ConnectResult.Timeout, "no answer before the timeout"))))
        {
            return await waiter.Outcome.ConfigureAwait(false);
        }
    }

    public bool Disconnect(string peer) => Invoke(() =>
    {
        if (!_peers.TryGetValue(peer, out PeerRuntime? runtime))
        {
            return false;
        }

        runtime.Disconnected = true;
        runtime.ReconnectAfter = null;
        DeleteAll(reconnect: false, runtime);
        DropHeld(runtime);
        return true;
    });

    public int KillConnections() => Invoke(() => DeleteAll(reconnect: true));

    public int FlushSa() => Invoke(() =>
    {
        int count = ChildSas.Flush();
        foreach (IkeSaEntry entry in _ikeSas.Values.Where(e => e.Sa.State == Ike.Sa.IkeSaState.Established).ToList())
        {
            // The peer stops using the flushed SAs too; traffic then brings up new ones.
            foreach (uint spi in entry.Sa.ChildSas.Select(c => c.InboundSpi).ToList())
            {
                Execute(entry, entry.Sa.DeleteChildSa(spi));
            }
        }

        return count;
    });

    public IReadOnlyList<ViewRow> Show(ViewMenu menu, bool withKeys) => Invoke(() => menu switch
    {
        ViewMenu.ActivePeers => [.. _ikeSas.Values.Where(e => !e.IsOver).Select(e => ActivePeersView.Row(e, ChildSas, Time))],
        ViewMenu.InstalledSa => InstalledSaView.Build(Sad.InstalledSas, Time.GetUtcNow(), withKeys),
        ViewMenu.Policy => PolicyView.Build(Spd.Policies),
        ViewMenu.PoolUsed => PoolUsedView.Build(_modeConfig.Leases),
        ViewMenu.Statistics => SourceNat.RuleCount > 0 || SourceNatNetworks.AnyIn(Plan.Configuration)
            ? StatisticsView.Build(Statistics, SourceNat.Statistics, SourceNat.ConnectionCount)
            : StatisticsView.Build(Statistics),
        _ => ConfigurationViews.Build(menu, Plan.Configuration, withKeys),
    });

    /// <summary>
    /// Swaps in a new plan whole. Peers whose fingerprint is unchanged keep their IKE and Child SAs (and the
    /// policy objects those SAs serve); the others are deleted with their peers, and new active peers start.
    /// A plan changing what only a start sets up (adapter, ports, socket addresses) is refused with nothing changed.
    /// </summary>
    public ReloadOutcome Reload()
    {
        if (_environment.ReloadPlan is null)
        {
            return new ReloadOutcome(["this endpoint was started without a configuration file to reload"], 0, 0);
        }

        EndpointPlanResult loaded = _environment.ReloadPlan();
        if (loaded.Plan is null)
        {
            return new ReloadOutcome(loaded.Errors.IsEmpty ? ["the configuration did not load"] : [.. loaded.Errors.Select(e => e.ToString())], 0, 0);
        }

        return Invoke(() => RestartOnlyChanges.Between(Plan, loaded.Plan, _socketLayout) is { Count: > 0 } changes
            ? new ReloadOutcome([.. changes.Select(e => e.ToString())], 0, 0)
            : SwapPlan(loaded.Plan));
    }

    private ReloadOutcome SwapPlan(EndpointPlan plan)
    {
        int kept = 0, restarted = 0;
        foreach (PeerRuntime old in _peers.Values.ToList())
        {
            bool active = _ikeSas.Values.Any(e => e.Peer == old);
            if (plan.FindPeer(old.Name) is { } same && same.Fingerprint == old.Plan.Fingerprint)
            {
                old.Plan = same;
                kept += active ? 1 : 0;
                continue;
            }

            old.Disconnected = true;
            DeleteAll(reconnect: false, old);
            DropHeld(old);
            _peers.Remove(old.Name);
            restarted += active ? 1 : 0;
        }

        ReplacePolicies(plan.Policies);
        Plan = plan;
        UpdateRoutes();
        RefreshSourceNat();
        foreach (PeerPlan peer in plan.Peers.Where(p => !_peers.ContainsKey(p.Name)))
        {
            var runtime = new PeerRuntime(peer);
            _peers[peer.Name] = runtime;
            StartPeer(runtime);
        }

        return new ReloadOutcome([], kept, restarted);
    }

    /// <summary>
    /// Replaces the configured policies, keeping an existing policy object where the new plan has an
    /// equivalent one, so the SAs of kept peers stay attached to a policy in the table. Dynamic policies stay.
    /// </summary>
    private void ReplacePolicies(IReadOnlyList<SecurityPolicy> policies)
    {
        List<SecurityPolicy> current = [.. Spd.Policies.Where(p => !p.Dynamic)];
        foreach (SecurityPolicy policy in current)
        {
            Spd.Remove(policy);
        }

        foreach (SecurityPolicy policy in policies)
        {
            SecurityPolicy? same = current.Find(c => Equivalent(c, policy));
            if (same is not null)
            {
                current.Remove(same);
            }

            Spd.Add(same ?? policy);
        }
    }

    private static bool Equivalent(SecurityPolicy a, SecurityPolicy b) =>
        a.Selector == b.Selector && a.Action == b.Action && a.Level == b.Level && a.Protocols == b.Protocols && a.Tunnel == b.Tunnel
        && Equals(a.SaSource, b.SaSource) && Equals(a.SaDestination, b.SaDestination) && a.Disabled == b.Disabled && a.Template == b.Template
        && a.Group == b.Group && a.Peer == b.Peer && a.Proposal == b.Proposal;
}
