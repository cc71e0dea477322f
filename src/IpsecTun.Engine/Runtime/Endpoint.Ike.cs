using System.Net;
using IpsecTun.Core;
using IpsecTun.Engine.Control;
using IpsecTun.Esp;
using IpsecTun.Platform;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Runtime;

/// <summary>The IKE thread: the IKE SA table, datagrams in and out, the events IKE SAs raise, and the timers.</summary>
public sealed partial class Endpoint
{
    /// <summary>A responder SA that has not authenticated by then is forgotten (half-open SAs from spoofed requests).</summary>
    private static readonly TimeSpan HalfOpenTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How often a side behind a NAT sends a keepalive so the NAT keeps its mapping (RFC 3948 §4: 20 s).</summary>
    private static readonly TimeSpan KeepaliveInterval = TimeSpan.FromSeconds(20);

    /// <summary>Half-open responder SAs allowed at once; further IKE_SA_INIT requests are dropped.</summary>
    private const int MaxHalfOpen = 1024;

    private readonly Dictionary<(ulong InitiatorSpi, bool Initiator), IkeSaEntry> _ikeSas = [];
    private readonly Dictionary<string, PeerRuntime> _peers = new(StringComparer.Ordinal);
    private readonly HashSet<PeerRuntime> _installedFor = [];
    private IpsecWorker _ikeWorker = null!;
    private SendStage _ikeStage = null!;

    private void IkeLoop()
    {
        _ikeThreadId = Environment.CurrentManagedThreadId;
        _ikeWorker = NewWorker(1);
        _ikeStage = new SendStage(_sockets, Batch);
        long lastTick = Environment.TickCount64;
        while (!_work.IsCompleted)
        {
            try
            {
                if (_work.TryTake(out Action? work, TickInterval))
                {
                    work();
                }

                if (Environment.TickCount64 - lastTick >= TickInterval.TotalMilliseconds)
                {
                    lastTick = Environment.TickCount64;
                    Tick();
                }
            }
            catch (InvalidOperationException) when (_work.IsCompleted)
            {
                return;
            }
#pragma warning disable CA1031 // no exception may end the IKE thread: count, log, go on
            catch (Exception e)
#pragma warning restore CA1031
            {
                Fault("ike", e);
            }
        }
    }

    private void ReceiveIke(byte[] message, IPEndPoint from, EndpointSocket socket)
    {
        if (!IkeHeader.TryParse(message, out IkeHeader header, out _))
        {
            Counters.CountIkeDrop();
            return;
        }

        IPEndPoint to = new(socket.IsWildcard ? _environment.Network.LocalAddressFor(from.Address) : socket.Local.ToIPEndPoint().Address, socket.Local.Port);
        if (!_ikeSas.TryGetValue((header.InitiatorSpi, !header.IsFromInitiator), out IkeSaEntry? entry))
        {
            entry = NewResponder(header, from, to);
            if (entry is null)
            {
                Counters.CountIkeDrop();
                return;
            }
        }

        entry.LastSeen = Time.GetTimestamp();
        Execute(entry, entry.Sa.Receive(message, from, to));
    }

    /// <summary>A responder SA for a new IKE_SA_INIT request, when a configured peer matches its addresses.</summary>
    private IkeSaEntry? NewResponder(in IkeHeader header, IPEndPoint from, IPEndPoint to)
    {
        if (!header.IsFromInitiator || header.IsResponse || header.ExchangeType != ExchangeType.IkeSaInit || header.ResponderSpi != 0 || header.MessageId != 0)
        {
            return null;
        }

        if (_ikeSas.Values.Count(e => !e.Sa.IsInitiator && e.EstablishedAt is null) >= MaxHalfOpen)
        {
            return null;
        }

        LookUpMovedPeers(from.Address);
        IkeSa? sa = IkeSa.CreateResponder(_responders, ChildSas, to, from, _environment.Random, Time);
        if (sa is null)
        {
            EndpointLog.NoPeer(_log, from);
            return null;
        }

        var entry = new IkeSaEntry(sa, PeerFor(from.Address), Time.GetTimestamp());
        _ikeSas[(header.InitiatorSpi, false)] = entry;
        return entry;
    }

    /// <summary>The configured peer that claims <paramref name="address"/> most specifically (a DNS-named one by the address it resolved to).</summary>
    private PeerRuntime? PeerFor(IPAddress address) =>
        _peers.Values
            .Select(p => (Peer: p, Length: p.Plan.MatchLength(address, p.ResolvedAddress)))
            .Where(m => m.Length is not null)
            .OrderByDescending(m => m.Length)
            .Select(m => m.Peer)
            .FirstOrDefault();

    /// <summary>Carries out what an IKE SA asked for: sends its datagrams and acts on its events.</summary>
    private void Execute(IkeSaEntry entry, IkeSaOutput output)
    {
        foreach (IkeSa created in output.CreatedIkeSas)
        {
            Adopt(entry, created);
        }

        foreach (OutboundDatagram datagram in output.Datagrams)
        {
            SendIke(datagram);
        }

        string name = entry.Peer?.Name ?? entry.Sa.Remote.ToString();
        foreach (IkeSaEvent e in output.Events)
        {
            if (e.Kind is not (IkeSaEventKind.Failed or IkeSaEventKind.Closed))
            {
                entry.Remember(e.Message);
            }

            switch (e.Kind)
            {
                case IkeSaEventKind.Rekeyed:
                    EndpointLog.Info(_log, name, e.Message);
                    break;
                case IkeSaEventKind.Log:
                case IkeSaEventKind.ChildSaDeleted:
                    EndpointLog.Debug(_log, name, e.Message);
                    break;
                case IkeSaEventKind.Established:
                    EndpointLog.Info(_log, name, e.Message);
                    entry.EstablishedAt = Time.GetUtcNow();
                    entry.Peer?.Backoff.Reset();
                    Progress(entry, ConnectPhase.Phase2);
                    ServeEstablished(entry);
                    StartAccounting(entry);
                    break;
                case IkeSaEventKind.ChildSaInstalled:
                    EndpointLog.Info(_log, name, "Child SA installed: " + e.Message);
                    CompleteWaiters(entry.Peer, ConnectResult.Established, "established");
                    break;
                case IkeSaEventKind.ChildSaFailed:
                case IkeSaEventKind.AuthenticationFailed:
                    EndpointLog.Problem(_log, name, e.Message);
                    FailWaiters(entry, e.Failure);
                    break;
                case IkeSaEventKind.ModeConfigReceived:
                    EndpointLog.Info(_log, name, "mode-config: " + e.Message);
                    if (entry.Peer is { } peer && entry.Sa.ModeConfig is { } modeConfig)
                    {
                        ApplySourceNat(peer, modeConfig);
                    }

                    RequestModeConfigChildren(entry);
                    break;
                case IkeSaEventKind.InitialContact:
                    EndpointLog.Info(_log, name, "initial contact from " + e.Message);
                    ForgetOthers(entry);
                    break;
                case IkeSaEventKind.PeerDead:
                case IkeSaEventKind.Failed:
                case IkeSaEventKind.Closed:
                    NoteSessionEnd(entry, e.Kind);
                    if (e.Kind == IkeSaEventKind.Closed && entry.DeletedLocally)
                    {
                        EndpointLog.Info(_log, name, e.Message);
                    }
                    else
                    {
                        EndpointLog.Problem(_log, name, e.Kind switch
                        {
                            IkeSaEventKind.PeerDead => "peer is dead: " + e.Message,
                            IkeSaEventKind.Failed when entry.Sa.Failure is { } failure => $"{e.Message}: {failure.Reason}",
                            _ => e.Message,
                        });
                    }

                    break;
            }
        }

        if (entry.Sa.State == IkeSaState.Authenticating)
        {
            Progress(entry, ConnectPhase.Authentication);
        }

        TrackChildren(entry);
        if (entry.IsOver)
        {
            Remove(entry);
        }

        foreach (PeerRuntime peer in _installedFor)
        {
            SendHeld(peer);
        }

        _installedFor.Clear();
    }

    /// <summary>
    /// Puts an IKE SA that a rekey or reauthentication created into the table, for the same peer, so that messages
    /// with its SPIs reach it and it is ticked; the SA it replaces stays until it closes.
    /// </summary>
    private void Adopt(IkeSaEntry replaced, IkeSa created)
    {
        var entry = new IkeSaEntry(created, replaced.Peer, Time.GetTimestamp());
        if (_ikeSas.TryAdd(entry.Key, entry) && created.State == IkeSaState.Established)
        {
            entry.EstablishedAt = Time.GetUtcNow();
            MoveAccounting(replaced, entry);
        }
    }

    /// <summary>Takes an ended IKE SA out of the table and decides whether its peer is initiated again.</summary>
    private void Remove(IkeSaEntry entry)
    {
        _ikeSas.Remove(entry.Key);
        entry.Sa.Dispose();
        ReleaseClient(entry);
        StopAccounting(entry);
        PeerRuntime? peer = entry.Peer;
        if (peer is null)
        {
            return;
        }

        if (peer.Initiated == entry)
        {
            peer.Initiated = null;
        }

        if (!_ikeSas.Values.Any(e => e.Peer == peer))
        {
            RemoveSourceNat(peer);
        }

        ReleaseModeConfigIfUnused(peer);

        // A peer a reload replaced leaves its packets and connects to the new one of that name.
        if (_ikeSas.Values.Any(e => e.Peer == peer) || _peers.GetValueOrDefault(peer.Name) != peer)
        {
            return;
        }

        FailWaiters(entry, entry.Sa.Failure?.Kind);
        DropHeld(peer);
        if (!_stopping && !peer.Disconnected && !peer.Plan.Passive && peer.ReconnectAfter is null)
        {
            TimeSpan wait = entry.DeletedLocally ? ReconnectBackoff.First : peer.Backoff.Next();
            ScheduleReconnect(peer, wait);
        }
    }

    private void ScheduleReconnect(PeerRuntime peer, TimeSpan wait)
    {
        peer.ReconnectAfter = wait;
        peer.ReconnectFrom = Time.GetTimestamp();
        EndpointLog.Reconnecting(_log, peer.Name, wait.TotalSeconds);
    }

    /// <summary>
    /// INITIAL_CONTACT: the peer restarted, so the older IKE SAs with it are stale: those of the same peer entry
    /// with the same authenticated identity (a road warrior may come back from another address), or from the
    /// same address when the identity is unknown. They are forgotten without a delete exchange (the peer no
    /// longer knows them), their Child SAs removed.
    /// </summary>
    private void ForgetOthers(IkeSaEntry current)
    {
        foreach (IkeSaEntry stale in _ikeSas.Values
            .Where(e => e != current && e.Peer == current.Peer && SameClient(e.Sa, current.Sa))
            .ToList())
        {
            Forget(stale);
        }
    }

    private static bool SameClient(IkeSa a, IkeSa b) =>
        a.PeerIdentity is { } x && b.PeerIdentity is { } y
            ? x.Type == y.Type && x.Data.Span.SequenceEqual(y.Data.Span)
            : a.Remote.Address.Equals(b.Remote.Address);

    /// <summary>Drops an IKE SA from the table without telling its peer: its Child SAs leave the datapath now.</summary>
    private void Forget(IkeSaEntry entry)
    {
        foreach (ChildSaReference child in entry.Sa.ChildSas)
        {
            ChildSas.Delete(child.Protocol, child.InboundSpi);
        }

        _ikeSas.Remove(entry.Key);
        entry.Sa.Dispose();
        ReleaseClient(entry);
        StopAccounting(entry, forgotten: true);
        if (entry.Peer?.Initiated == entry)
        {
            entry.Peer.Initiated = null;
        }

        ReleaseModeConfigIfUnused(entry.Peer);
    }

    private void SendIke(OutboundDatagram datagram)
    {
        bool natTraversal = datagram.From.Port == NatTraversalPort;
        var source = NetworkEndpoint.From(datagram.From);
        int socket = FindSocket(natTraversal ? SocketRole.NatTraversal : SocketRole.Ike, source.Version, source.Address, source.Port);
        if (socket < 0)
        {
            Counters.CountUnroutable();
            return;
        }

        int marker = natTraversal ? NatTraversal.NonEspMarkerLength : 0;
        var buffer = new PacketBuffer(datagram.Data.Length + marker, marker);
        buffer.TrySet(datagram.Data.Span);
        if (natTraversal)
        {
            NatTraversal.TryPrependNonEspMarker(buffer);
        }

        _sockets[socket].Send([buffer], [NetworkEndpoint.From(datagram.To)]);
    }

    /// <summary>A one-byte 0xFF datagram from this side's NAT-T port to the peer's (RFC 3948 §2.3).</summary>
    private void SendKeepalive(IkeSa sa)
    {
        var source = NetworkEndpoint.From(sa.Local);
        int socket = FindSocket(SocketRole.NatTraversal, source.Version, source.Address, source.Port);
        if (socket >= 0)
        {
            var keepalive = new PacketBuffer(NatTraversal.KeepaliveLength, 0);
            keepalive.TryAppend(NatTraversal.KeepaliveLength, out Span<byte> payload);
            NatTraversal.WriteKeepalive(payload);
            _sockets[socket].Send([keepalive], [NetworkEndpoint.From(sa.Remote)]);
        }
    }

    private void Tick()
    {
        foreach (IkeSaEntry entry in _ikeSas.Values.ToList())
        {
            if (!entry.Sa.IsInitiator && entry.EstablishedAt is null && Time.GetElapsedTime(entry.CreatedAt) >= HalfOpenTimeout)
            {
                _ikeSas.Remove(entry.Key);
                entry.Sa.Dispose();
                continue;
            }

            Execute(entry, entry.Sa.Tick());
            Account(entry);
            if (entry.Sa is { State: IkeSaState.Established, LocalBehindNat: true } && Time.GetElapsedTime(entry.LastKeepalive) >= KeepaliveInterval)
            {
                entry.LastKeepalive = Time.GetTimestamp();
                SendKeepalive(entry.Sa);
            }
        }

        ChildSas.Housekeeping();
        SweepSourceNat();
        foreach (PeerRuntime peer in _peers.Values)
        {
            if (peer.ReconnectAfter is { } wait && Time.GetElapsedTime(peer.ReconnectFrom) >= wait)
            {
                peer.ReconnectAfter = null;
                if (!peer.Disconnected && !_stopping)
                {
                    Initiate(peer);
                }
            }
        }
    }

    /// <summary>ChildSaHost's callback, inside an IKE SA's call: the held packets go once that call's messages are out.</summary>
    private void OnChildSaInstalled(SecurityPolicy policy)
    {
        foreach (PeerRuntime peer in _peers.Values.Where(p => p.Owns(policy)))
        {
            _installedFor.Add(peer);
        }
    }

    /// <summary>ChildSaHost's callback: the configured policy whose Child SA settings an SA was negotiated (or rekeyed) under.</summary>
    private SecurityPolicy? PolicyNegotiatedBy(ChildSaSettings settings) =>
        _peers.Values.SelectMany(p => p.Plan.Children).FirstOrDefault(c => ReferenceEquals(c.Settings, settings))?.Policy;

    /// <summary>
    /// A soft byte lifetime asks the owning IKE SA to rekey; a hard one deletes the Child SA with the peer.
    /// The time lifetimes are the IKE SA's own (it rekeys and deletes on its tick at the same soft and hard
    /// times), so reaching one here only moves the SA to dying or dead.
    /// </summary>
    private void OnLifetimeReached(SaLifetimeEvent lifetime)
    {
        if (lifetime.Measure == LifetimeMeasure.Time)
        {
            return;
        }

        InstalledChild? child = ChildSas.Find(lifetime.Sa.Direction, lifetime.Sa.Spi);
        if (child is null)
        {
            return;
        }

        uint inbound = child.Inbound.Spi;
        IkeSaEntry? owner = _ikeSas.Values.FirstOrDefault(e => e.Sa.ChildSas.Any(c => c.InboundSpi == inbound));
        if (owner is null || owner.Sa.State != IkeSaState.Established)
        {
            ChildSas.Delete(ProtocolId.Esp, inbound);
            return;
        }

        Execute(owner, lifetime.Limit == LifetimeLimit.Soft ? owner.Sa.RekeyChildSa(inbound) : owner.Sa.DeleteChildSa(inbound));
    }
}
