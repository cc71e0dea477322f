using System.Net;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;
using IpsecTun.Esp;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Runtime;

/// <summary>Starting IKE with a peer (at start, on traffic, on connect, after back-off) and telling connect commands how it went.</summary>
public sealed partial class Endpoint
{
    /// <summary>Starts an IKE SA with the peer unless one is already up or under way; looks a DNS name up first.</summary>
    private void Initiate(PeerRuntime peer)
    {
        if (peer.InitiateWhenResolved || _ikeSas.Values.Any(e => e.Peer == peer && !e.IsOver && !e.DeletedLocally))
        {
            return;
        }

        peer.ReconnectAfter = null;
        if (peer.Plan.Address.HostName is { } hostName)
        {
            peer.InitiateWhenResolved = true;
            LookUp(peer, hostName);
            return;
        }

        if (!peer.Plan.Address.IsSingleHost)
        {
            EndpointLog.Problem(_log, peer.Name, $"address {peer.Plan.Address} is a network: only the peer can initiate");
            CompleteWaiters(peer, ConnectResult.Timeout, $"{peer.Name} has no single address to connect to; it can only be waited for");
            return;
        }

        InitiateTo(peer, peer.Plan.Address.Prefix!.Value.BaseAddress);
    }

    private void InitiateTo(PeerRuntime peer, IPAddress address)
    {
        IPAddress local = peer.Plan.LocalAddress ?? _environment.Network.LocalAddressFor(address);

        // Without a local-address the plan holds the unspecified address as an address ID; the one in use goes out.
        IkeSa sa = IkeSa.CreateInitiator(
            AddressIdentity.Resolve(peer.Plan.Settings, local, address), ChildSaHostFor(peer, out InstallingChildSaHost? installing), new IPEndPoint(local, IkePort),
            new IPEndPoint(address, peer.Plan.RemotePort), _environment.Random, Time);
        var entry = new IkeSaEntry(sa, peer, Time.GetTimestamp());
        if (installing is not null)
        {
            installing.BeforeInstall = () => ApplyModeConfig(entry);
        }

        _ikeSas[entry.Key] = entry;
        peer.Initiated = entry;
        EndpointLog.Initiating(_log, peer.Name, address);
        Progress(entry, ConnectPhase.Phase1);
        Execute(entry, sa.Start());
    }

    /// <summary>
    /// Traffic met an encrypt policy without an SA: start IKE with the policy's peer. An IKE SA that is up but
    /// has no usable Child SA for it (flushed, or its deletion still in flight) is asked for a new one with
    /// CREATE_CHILD_SA from the policy's Child SA settings, which the IKE SA sends after any exchange under way
    /// (unless one for those settings is already running or queued).
    /// </summary>
    private void Acquire(SecurityPolicy policy)
    {
        PeerRuntime? peer = policy.Peer is { } name ? _peers.GetValueOrDefault(name) : null;
        if (peer is null || peer.Disconnected || _stopping)
        {
            DropHeldFor(policy);
            return;
        }

        if (policy.OutboundSa is { IsUsable: true })
        {
            SendHeld(peer);
            return;
        }

        IkeSaEntry? current = _ikeSas.Values.FirstOrDefault(e => e.Peer == peer && !e.IsOver && !e.DeletedLocally);
        if (current is null)
        {
            Initiate(peer);
        }
        else if (current.Sa.State == IkeSaState.Established)
        {
            if (RequestChildSa(current, peer, policy) is { } request)
            {
                Execute(current, request);
            }
        }
    }

    private void DropHeldFor(SecurityPolicy policy)
    {
        lock (_acquireLock)
        {
            if (_acquireQueues.TryGetValue(policy, out AcquireQueue? queue))
            {
                Counters.CountAcquireDrop(queue.Count);
                queue.Drain(_acquirePool.Return);
            }
        }
    }

    private static void Progress(IkeSaEntry entry, ConnectPhase phase)
    {
        if (entry.Peer is { } peer && entry.Sa.IsInitiator)
        {
            peer.Waiters.ForEach(w => w.Reached(phase));
        }
    }

    private static void CompleteWaiters(PeerRuntime? peer, ConnectResult result, string message)
    {
        if (peer is null)
        {
            return;
        }

        peer.Waiters.ForEach(w => w.Complete(result, message));
        peer.Waiters.Clear();
    }

    private static void FailWaiters(IkeSaEntry entry, IkeSaFailureKind? failure)
    {
        if (entry.Peer is { Waiters.Count: > 0 } peer)
        {
            ConnectOutcome outcome = ConnectFailure.Classify(failure, failure == entry.Sa.Failure?.Kind ? entry.Sa.Failure?.Reason : null, entry.Diagnostics);
            CompleteWaiters(peer, outcome.Result, outcome.Message);
        }
    }

    /// <summary>Deletes every IKE SA with its peer (INFORMATIONAL with DELETE); those not yet up are dropped. Returns how many.</summary>
    private int DeleteAll(bool reconnect, PeerRuntime? only = null)
    {
        int count = 0;
        foreach (IkeSaEntry entry in _ikeSas.Values.Where(e => only is null || e.Peer == only).ToList())
        {
            count++;
            entry.DeletedLocally = true;
            if (entry.Sa.State == IkeSaState.Established)
            {
                Execute(entry, entry.Sa.Delete());
                if (!reconnect)
                {
                    // Nothing waits for the answer: the Child SAs go now, the IKE SA when the peer confirms or gives up.
                    foreach (ChildSaReference child in entry.Sa.ChildSas)
                    {
                        ChildSas.Delete(child.Protocol, child.InboundSpi);
                    }
                }
            }
            else
            {
                Forget(entry);
                if (reconnect && entry.Peer is { Plan.Passive: false } peer && !_stopping)
                {
                    ScheduleReconnect(peer, ReconnectBackoff.First);
                }
            }

            if (!reconnect && entry.Peer is { } stopped)
            {
                // Nothing comes back up: the address, routes and DNS go now rather than when the peer confirms.
                ReleaseModeConfig(stopped);
            }
        }

        return count;
    }
}
