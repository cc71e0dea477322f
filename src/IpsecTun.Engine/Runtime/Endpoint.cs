using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Engine.Plan;
using IpsecTun.Esp;
using IpsecTun.Platform;
using Microsoft.Extensions.Logging;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// A running endpoint: its sockets, adapter, IKE SAs and ESP datapath for one <see cref="EndpointPlan"/>.
/// Threads: one reads the adapter and protects what leaves, one per socket receives (IKE goes to the IKE
/// thread, ESP is opened and written to the adapter), and the IKE thread runs every IKE SA, the timers,
/// acquires and control commands, so IKE state is only ever touched from that one thread.
/// </summary>
public sealed partial class Endpoint : IDisposable
{
    private const int Batch = 64;
    private const int Headroom = 128;

    /// <summary>Packets held for acquires over all policies; more are dropped.</summary>
    private const int AcquireBuffers = 256;

    /// <summary>IKE datagrams waiting for the IKE thread; more are dropped, so a flood cannot grow memory.</summary>
    private const int MaxPendingIke = 512;

    /// <summary>Timers of the IKE SAs, re-initiation and SA lifetimes are checked this often.</summary>
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly EndpointEnvironment _environment;
    private readonly ILogger _log;
    private readonly BlockingCollection<Action> _work = new();
    private readonly List<Thread> _threads = [];
    private readonly Lock _tunWrite = new();
    private readonly int _bufferSize;
    private int _pendingIke;
    private EndpointSocket[] _sockets = [];

    /// <summary>The addresses the start bound sockets to; a reload needing others is refused.</summary>
    private SocketLayout _socketLayout = new([], Shared: false);

    /// <summary>The IPv4 addresses with raw sockets of their own, whose datagrams the wildcard raw sockets leave to them.</summary>
    private UInt128[] _ownRawAddresses = [];
    private PacketBufferPool _acquirePool = null!;
    private int _ikeThreadId;
    private volatile bool _stopping;
    private bool _started;

    public Endpoint(EndpointPlan plan, EndpointEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(environment);
        Plan = plan;
        _environment = environment;
        _log = environment.Loggers.CreateLogger("ipsec");
        Mtu = plan.Configuration.Endpoint.Interface.Mtu > 0 ? plan.Configuration.Endpoint.Interface.Mtu : DefaultMtu;
        _bufferSize = Math.Max(2048, Mtu + 2 * Headroom);
        Spd = new SecurityPolicyDatabase();
        SourceNat = new DynamicSourceNat(environment.Time);
    }

    /// <summary>The adapter's MTU when the configuration gives none.</summary>
    public const int DefaultMtu = 1400;

    public EndpointPlan Plan { get; private set; }

    public int Mtu { get; }

    public SecurityPolicyDatabase Spd { get; }

    public SecurityAssociationDatabase Sad { get; private set; } = null!;

    public IpsecStatistics Statistics { get; } = new();

    public EngineCounters Counters { get; } = new();

    public ChildSaHost ChildSas { get; private set; } = null!;

    private TimeProvider Time => _environment.Time;

    private int IkePort => Plan.Configuration.Endpoint.Listen.IkePort;

    private int NatTraversalPort => Plan.Configuration.Endpoint.Listen.NatTPort;

    /// <summary>Opens the sockets, configures the adapter and its routes, starts the threads and initiates the active peers.</summary>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The endpoint runs already.");
        }

        _sockets = OpenSockets();
        _started = true;
        int receivers = _sockets.Length;
        Sad = new SecurityAssociationDatabase(Time, workerCount: 2 + receivers);
        ChildSas = new ChildSaHost(Sad, Spd, _environment.Random, Time, Plan.Configuration.Endpoint.ReplayWindow)
        {
            Installed = OnChildSaInstalled,
            PathMtu = _environment.Network.PathMtu,
            PolicyOf = PolicyNegotiatedBy,
        };
        StartServer();
        Sad.LifetimeReached = e => Post(() => OnLifetimeReached(e));
        _acquirePool = new PacketBufferPool(AcquireBuffers, _bufferSize, Headroom);
        foreach (SecurityPolicy policy in Plan.Policies)
        {
            Spd.Add(policy);
        }

        ConfigureAdapter();
        foreach (PeerPlan peer in Plan.Peers)
        {
            _peers[peer.Name] = new PeerRuntime(peer);
        }

        StartThread("ike", IkeLoop);
        StartThread("tun", () => TunLoop(NewWorker(0)));
        for (int i = 0; i < _sockets.Length; i++)
        {
            EndpointSocket socket = _sockets[i];
            IpsecWorker worker = NewWorker(2 + i);
            StartThread($"udp {socket.Local}", () => ReceiveLoop(socket, worker));
        }

        Post(() =>
        {
            foreach (PeerRuntime peer in _peers.Values)
            {
                StartPeer(peer);
            }
        });
    }

    /// <summary>Deletes every IKE SA with its peer, stops the threads and removes the routes; the adapter stays with its owner.</summary>
    public void Stop()
    {
        if (!_started || _stopping)
        {
            return;
        }

        Task accounting = Task.CompletedTask;
        if (_threads.Count > 0)
        {
            accounting = Invoke(() =>
            {
                _stopping = true;
                DeleteAll(reconnect: false);
                return StopAllAccounting();
            });
        }

        _stopping = true;
        _work.CompleteAdding();
        _environment.Tun.StopReading();
        foreach (EndpointSocket socket in _sockets)
        {
            socket.Socket.StopReceiving();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        // The Stop requests of the sessions just ended go out on the RADIUS client's own tasks.
        accounting.Wait(AccountingDrainTimeout);

        RemoveRoutes();
        ClearSourceNat();
        RemoveVirtualRoutes();
        ChildSas.Flush();
        ChildSas.Housekeeping();
        ChildSas.Housekeeping();
        foreach (IkeSaEntry entry in _ikeSas.Values)
        {
            entry.Sa.Dispose();
        }

        _ikeSas.Clear();
    }

    public void Dispose()
    {
        Stop();
        foreach (EndpointSocket socket in _sockets)
        {
            socket.Dispose();
        }

        _work.Dispose();
    }

    private IpsecWorker NewWorker(int index) =>
        new(index, Spd, Sad, Statistics, _environment.Random) { NatTraversalPort = (ushort)NatTraversalPort, AdapterMtu = Mtu };

    private void StartThread(string name, Action loop)
    {
        var thread = new Thread(() => loop()) { IsBackground = true, Name = $"ipsectun {name}" };
        _threads.Add(thread);
        thread.Start();
    }

    /// <summary>
    /// UDP 500 and 4500, raw ESP and AH (when the process may open them) on each local-address a peer names,
    /// and on the wildcard address unless every peer names one (IPv6 too when a peer is IPv6, and where the
    /// system has IPv6 when a peer without local-address is named by DNS, whose name may resolve to either
    /// family). Where both exist the UDP ports are shared and the specific sockets come first, so what a peer
    /// with a local-address sends leaves from that address (<see cref="FindSocket"/>). The kernel hands a raw
    /// datagram to every raw socket that matches, so the wildcard raw sockets skip IPv4 datagrams to an address
    /// with raw sockets of its own; IPv6 raw datagrams arrive without the header that would tell, so an IPv6
    /// local-address gets no raw sockets of its own beside an IPv6 wildcard one.
    /// </summary>
    private EndpointSocket[] OpenSockets()
    {
        _socketLayout = SocketLayout.For(Plan);
        var sockets = new List<EndpointSocket>();
        try
        {
            foreach (IPAddress address in _socketLayout.Addresses)
            {
                OpenOn(address, sockets);
            }

            if (_socketLayout.Ipv6IfAvailable)
            {
                TryOpenOn(IPAddress.IPv6Any, sockets);
            }
        }
        catch
        {
            sockets.ForEach(s => s.Dispose());
            throw;
        }

        _ownRawAddresses = [.. sockets.Where(s => s.Role is SocketRole.Esp or SocketRole.Ah && !s.IsWildcard && s.Local.Version == 4).Select(s => s.Local.Address).Distinct()];
        return [.. sockets];
    }

    private void OpenOn(IPAddress address, List<EndpointSocket> sockets)
    {
        bool shared = _socketLayout.Shared;
        sockets.Add(new EndpointSocket(_environment.Network.OpenUdp(new IPEndPoint(address, IkePort), shared), SocketRole.Ike));
        sockets.Add(new EndpointSocket(_environment.Network.OpenUdp(new IPEndPoint(address, NatTraversalPort), shared), SocketRole.NatTraversal));
        if (_socketLayout.HasIpv6Wildcard && address.AddressFamily == AddressFamily.InterNetworkV6 && !address.Equals(IPAddress.IPv6Any))
        {
            return;
        }

        if (_environment.Network.TryOpenRaw(address, IpProtocol.Esp) is { } esp)
        {
            sockets.Add(new EndpointSocket(esp, SocketRole.Esp));
        }

        if (_environment.Network.TryOpenRaw(address, IpProtocol.Ah) is { } ah)
        {
            sockets.Add(new EndpointSocket(ah, SocketRole.Ah));
        }
    }

    /// <summary>Sockets only peers named by DNS might use: a system without IPv6 goes on without them, reaching those peers over IPv4.</summary>
    private void TryOpenOn(IPAddress address, List<EndpointSocket> sockets)
    {
        int opened = sockets.Count;
        try
        {
            OpenOn(address, sockets);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            sockets.Skip(opened).ToList().ForEach(s => s.Dispose());
            sockets.RemoveRange(opened, sockets.Count - opened);
            EndpointLog.Problem(_log, "endpoint", $"no sockets on {address} ({e.Message}): peers named by DNS are reached over the other family only");
        }
    }

    /// <summary>Runs <paramref name="work"/> on the IKE thread.</summary>
    private void Post(Action work)
    {
        if (!_work.IsAddingCompleted)
        {
            try
            {
                _work.Add(work);
            }
            catch (InvalidOperationException)
            {
                // Completed between the check and the add: the endpoint is stopping.
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on the IKE thread and waits for its result.</summary>
    private T Invoke<T>(Func<T> work)
    {
        if (Environment.CurrentManagedThreadId == _ikeThreadId)
        {
            return work();
        }

        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                result.SetResult(work());
            }
#pragma warning disable CA1031 // the caller gets the fault; the IKE thread carries on
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
        });
        if (_work.IsAddingCompleted)
        {
            throw new InvalidOperationException("The endpoint has stopped.");
        }

        return result.Task.GetAwaiter().GetResult();
    }

    private void Fault(string loop, Exception e)
    {
        Counters.CountLoopFault();
        EndpointLog.LoopFault(_log, e, loop);
    }
}
