using System.Buffers.Binary;
using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tasks;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// One IKE SA as a sans-I/O state machine: the host feeds it datagrams (<see cref="Receive"/>) and
/// clock ticks (<see cref="Tick"/>) and carries out the returned <see cref="IkeSaOutput"/>. It owns no
/// socket, thread or timer; time comes from the injected <see cref="TimeProvider"/> and randomness from
/// the <see cref="RandomSource"/>. Not thread-safe: the host serialises calls for an SA together with
/// the SAs that replace it or that it replaces, since a call on one may drive another (a rekey deleting
/// its redundant twin, a reauthenticated SA deleting the old one); all of one peer's SAs on one thread is enough.
/// </summary>
public sealed partial class IkeSa : IDisposable
{
    private const int NonceSize = 32;

    private readonly TaskManager _tasks;
    private readonly InboundMessageReader _plainReader;
    private readonly List<ChildSaReference> _childSas = [];
    private SkProtection? _outbound;
    private SkProtection? _inbound;
    private InboundMessageReader? _protectedReader;
    private IkeSaKeys? _keys;
    private IReadOnlyList<ChildSaSettings>? _childrenToCreate;
    private long _lastInbound;

    private IkeSa(bool isInitiator, IkeSaSettings settings, IChildSaHost host, IPEndPoint local, IPEndPoint remote, RandomSource random, TimeProvider time)
    {
        IsInitiator = isInitiator;
        Settings = settings;
        Host = host;
        Local = local;
        Remote = remote;
        Random = random;
        Time = time;
        _tasks = new TaskManager(settings.Retransmission, time);
        _lastInbound = time.GetTimestamp();
        _createdAt = _lastInbound;
        _plainReader = new InboundMessageReader(null, new FragmentReassembler(ReassemblyLimits.Default, time));
    }

    public bool IsInitiator { get; }

    public IkeSaState State { get; private set; }

    public ulong InitiatorSpi { get; internal set; }

    public ulong ResponderSpi { get; internal set; }

    /// <summary>This side's address and port; port 4500 once NAT traversal switched to it.</summary>
    public IPEndPoint Local { get; private set; }

    /// <summary>The peer's address and port, following the NAT mapping of its last protected message.</summary>
    public IPEndPoint Remote { get; private set; }

    /// <summary>True when a NAT was detected on either side: IKE and ESP then use UDP port 4500 (RFC 7296 §2.23, RFC 3948).</summary>
    public bool UsesUdpEncapsulation => LocalBehindNat == true || RemoteBehindNat == true;

    /// <summary>Set once NAT detection ran: whether this side's address is translated.</summary>
    public bool? LocalBehindNat { get; internal set; }

    /// <summary>Set once NAT detection ran: whether the peer's address is translated.</summary>
    public bool? RemoteBehindNat { get; internal set; }

    public IReadOnlyList<ChildSaReference> ChildSas => _childSas;

    /// <summary>
    /// What the responder assigned to this mode-config client, once IKE_AUTH completed (on a responder: what it
    /// gave the client); kept across IKE SA rekeys.
    /// </summary>
    public ModeConfigResult? ModeConfig { get; internal set; }

    /// <summary>The peer's identity (IDi or IDr) once it authenticated; kept across IKE SA rekeys.</summary>
    public IkeIdentity? PeerIdentity { get; internal set; }

    /// <summary>The negotiated IKE transforms, once IKE_SA_INIT completed.</summary>
    internal NegotiatedTransforms? Transforms { get; private set; }

    internal IkeSaSettings Settings { get; private set; }

    /// <summary>
    /// The Child SAs an initiator creates once it is up: the first in IKE_AUTH, the others with CREATE_CHILD_SA.
    /// The configured ones, or those of the IKE SA a reauthentication replaces.
    /// </summary>
    internal IReadOnlyList<ChildSaSettings> ChildrenToCreate => _childrenToCreate ?? Settings.Children;

    /// <summary>Where a responder looks up the settings for the initiator's identity; null when fixed.</summary>
    internal IResponderConfiguration? Configuration { get; private init; }

    internal IChildSaHost Host { get; }

    internal RandomSource Random { get; }

    internal TimeProvider Time { get; }

    /// <summary>Set by tests that replay a recorded initiator: the responder's IKE_SA_INIT values to use.</summary>
    internal ReplayedResponderInit? ReplayedInit { get; set; }

    internal IkeSaKeys Keys => _keys ?? throw new InvalidOperationException("IKE_SA_INIT has not completed.");

    internal byte[] NonceI { get; set; } = [];

    internal byte[] NonceR { get; set; } = [];

    /// <summary>The IKE_SA_INIT request and response as sent, which the AUTH payloads sign.</summary>
    internal byte[] InitRequest { get; set; } = [];

    internal byte[] InitResponse { get; set; } = [];

    public static IkeSa CreateInitiator(IkeSaSettings settings, IChildSaHost host, IPEndPoint local, IPEndPoint remote, RandomSource random, TimeProvider time)
    {
        var sa = new IkeSa(true, settings, host, local, remote, random, time);
        sa.InitiatorSpi = sa.NewSpi();
        return sa;
    }

    /// <summary>A responder waiting for the IKE_SA_INIT request the host demultiplexed to it.</summary>
    public static IkeSa CreateResponder(IkeSaSettings settings, IChildSaHost host, IPEndPoint local, IPEndPoint remote, RandomSource random, TimeProvider time) =>
        new(false, settings, host, local, remote, random, time);

    /// <summary>
    /// A responder whose settings come from <paramref name="configuration"/>: the peer by address now, the
    /// identity in IKE_AUTH. Null when no peer matches the addresses (the host drops the request).
    /// </summary>
    public static IkeSa? CreateResponder(
        IResponderConfiguration configuration, IChildSaHost host, IPEndPoint local, IPEndPoint remote, RandomSource random, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.FindPeer(local, remote) is { } peer
            ? new IkeSa(false, peer, host, local, remote, random, time) { Configuration = configuration }
            : null;
    }

    /// <summary>Starts IKE_SA_INIT and IKE_AUTH with the first Child SA (initiator only).</summary>
    public IkeSaOutput Start()
    {
        if (!IsInitiator || State != IkeSaState.Created)
        {
            throw new InvalidOperationException("Only a new initiator can start.");
        }

        var output = new IkeSaOutput();
        _tasks.Queue(new IkeInitTask());
        _tasks.Queue(Settings.AuthMethod == IkeAuthMethod.Eap ? new EapInitiatorTask() : new IkeAuthTask());
        SendQueued(output);
        return output;
    }

    /// <summary>Deletes the IKE SA and with it every Child SA (INFORMATIONAL with DELETE).</summary>
    public IkeSaOutput Delete() => QueueExchange(new InformationalTask(DeletePayload.IkeSa()));

    /// <summary>Deletes one Child SA, named by its inbound SPI.</summary>
    public IkeSaOutput DeleteChildSa(uint inboundSpi)
    {
        ProtocolId protocol = _childSas.Find(c => c.InboundSpi == inboundSpi)?.Protocol ?? ProtocolId.Esp;
        return QueueExchange(new InformationalTask(new DeletePayload(protocol, [inboundSpi])));
    }

    /// <summary>Creates another Child SA from the first configured Child SA settings (CREATE_CHILD_SA).</summary>
    public IkeSaOutput CreateChildSa() => CreateChildSa(Settings.Child);

    /// <summary>Creates a Child SA from <paramref name="child"/>, e.g. the settings of one policy of the peer (CREATE_CHILD_SA).</summary>
    public IkeSaOutput CreateChildSa(ChildSaSettings child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return QueueExchange(new CreateChildTask(child));
    }

    /// <summary>Whether a CREATE_CHILD_SA for a new Child SA from <paramref name="child"/> is running or queued (so a host does not ask twice).</summary>
    public bool IsCreating(ChildSaSettings child) => _tasks.Has(t => t is CreateChildTask task && task.Creates(child));

    /// <summary>Rekeys the Child SA with inbound SPI <paramref name="inboundSpi"/> (CREATE_CHILD_SA, then DELETE of the old one).</summary>
    public IkeSaOutput RekeyChildSa(uint inboundSpi)
    {
        ChildSaReference child = _childSas.Find(c => c.InboundSpi == inboundSpi)
            ?? throw new ArgumentException($"No Child SA has inbound SPI 0x{inboundSpi:x8}.", nameof(inboundSpi));
        return QueueExchange(new CreateChildTask(child));
    }

    /// <summary>Retransmits a request whose timer ran out, or declares the peer dead when none remain.</summary>
    public IkeSaOutput Tick()
    {
        var output = new IkeSaOutput();
        if (State is IkeSaState.Closed or IkeSaState.Failed)
        {
            return output;
        }

        PollEap(output);
        IReadOnlyList<byte[]>? again = _tasks.DueRetransmission(out bool exhausted);
        if (again is not null)
        {
            output.Log($"retransmitting {_tasks.Active!.Exchange} request {_tasks.ActiveMessageId}");
            Send(output, again);
        }
        else if (exhausted)
        {
            string reason = $"no response to {_tasks.Active!.Exchange} request {_tasks.ActiveMessageId}";
            NoteFailure(IkeSaFailureKind.Timeout, reason);
            output.Raise(IkeSaEventKind.PeerDead, reason, IkeSaFailureKind.Timeout);
            Close(output, IkeSaState.Closed);
        }
        else if (!IsInitiator && State is IkeSaState.Created or IkeSaState.Authenticating && Time.GetElapsedTime(_createdAt) >= RetransmissionSpan())
        {
            // A half-open responder SA whose IKE_AUTH never came would otherwise hold its slot and memory forever.
            NoteFailure(IkeSaFailureKind.Timeout, "half-open IKE SA timed out waiting for IKE_AUTH", output);
            Close(output, IkeSaState.Failed);
        }
        else if (State == IkeSaState.Rekeyed && Time.GetElapsedTime(_rekeyedAt) >= RetransmissionSpan())
        {
            // The peer never deleted the IKE SA it replaced; the Child SAs live on in the new one.
            output.Log("the replaced IKE SA was not deleted by the peer; closing it");
            Close(output, IkeSaState.Closed);
        }
        else if (State == IkeSaState.Established && _tasks.Active is null && _tasks.QueuedCount == 0 && RunLifetime(output))
        {
            SendQueued(output);
        }
        else if (IsDpdDue())
        {
            // Dead peer detection: an empty INFORMATIONAL after dpd-interval of silence (RFC 7296 §2.4).
            _tasks.Queue(new InformationalTask());
            SendQueued(output);
        }

        return output;
    }

    private IkeSaOutput QueueExchange(IkeTask task)
    {
        if (State != IkeSaState.Established)
        {
            throw new InvalidOperationException($"An IKE SA in state {State} starts no exchange.");
        }

        var output = new IkeSaOutput();
        _tasks.Queue(task);
        SendQueued(output);
        return output;
    }

    private bool IsDpdDue() =>
        Settings.DpdInterval is { } interval && State == IkeSaState.Established && _tasks.Active is null && _tasks.QueuedCount == 0
        && Time.GetElapsedTime(_lastInbound) >= interval;

    public void Dispose()
    {
        _outbound?.Dispose();
        _inbound?.Dispose();
        _keys?.Dispose();
        EapResponder?.Dispose();
    }

    internal ulong NewSpi()
    {
        Span<byte> spi = stackalloc byte[8];
        do
        {
            Random.Fill(spi);
        }
        while (BinaryPrimitives.ReadUInt64BigEndian(spi) == 0);
        return BinaryPrimitives.ReadUInt64BigEndian(spi);
    }

    internal byte[] NewNonce()
    {
        byte[] nonce = new byte[NonceSize];
        Random.Fill(nonce);
        return nonce;
    }

    internal void MoveTo(IkeSaState state) => State = state;

    /// <summary>Both peers announced IKEV2_FRAGMENTATION_SUPPORTED and this side has a fragment size.</summary>
    internal bool FragmentationAgreed { get; set; }

    /// <summary>Adopts the settings of the identity found in IKE_AUTH; the negotiated IKE SA is unchanged.</summary>
    internal void UseIdentitySettings(IkeSaSettings settings) => Settings = settings;

    /// <summary>
    /// The initiator moves to the NAT-T port (4500) after IKE_SA_INIT when a NAT is on the path, so that IKE and the
    /// UDP-encapsulated ESP share one NAT mapping; the host adds the non-ESP marker on that port.
    /// </summary>
    internal void SwitchToNatTraversalPort(IkeSaOutput output)
    {
        int port = Settings.NatTraversalPort;
        if (IsInitiator && UsesUdpEncapsulation && Remote.Port != port)
        {
            Local = new IPEndPoint(Local.Address, port);
            Remote = new IPEndPoint(Remote.Address, port);
            output.Log($"NAT on the path: switching to {Local} -> {Remote}");
        }
    }

    /// <summary>Follows the peer's NAT mapping: replies go where its last authenticated message came from (RFC 7296 §2.23).</summary>
    internal void FollowPeerAddress(IPEndPoint from, IPEndPoint to)
    {
        if (RemoteBehindNat == true && _protectedReader is not null)
        {
            Remote = from;
            Local = to;
        }
    }

    /// <summary>Queues an exchange that starts once the active one completes.</summary>
    internal void QueueTask(IkeTask task) => _tasks.Queue(task);

    internal void AddChildSa(ChildSaReference childSa)
    {
        _childSas.Add(childSa);
        _childInstalledAt[childSa.InboundSpi] = Time.GetTimestamp();
    }

    /// <summary>Hands every Child SA, with its age and rekey state, to the IKE SA that replaces this one.</summary>
    internal void MoveChildSasTo(IkeSa successor, IkeSaOutput output)
    {
        foreach (ChildSaReference child in _childSas)
        {
            successor._childSas.Add(child);
            successor._childInstalledAt[child.InboundSpi] = _childInstalledAt[child.InboundSpi];
            if (_rekeyBlockedUntil.TryGetValue(child.InboundSpi, out long until))
            {
                successor._rekeyBlockedUntil[child.InboundSpi] = until == long.MaxValue ? 0 : until;
            }
        }

        if (_childSas.Count > 0)
        {
            output.Log($"{_childSas.Count} Child SA(s) moved to IKE SA {successor.InitiatorSpi:x16}_{successor.ResponderSpi:x16}");
        }

        _childSas.Clear();
        _childInstalledAt.Clear();
        _rekeyBlockedUntil.Clear();
        _closingChildSas.Clear();
    }

    /// <summary>Removes the first Child SA that <paramref name="match"/> selects from the host and from this SA.</summary>
    internal ChildSaReference? RemoveChildSa(Predicate<ChildSaReference> match, IkeSaOutput output)
    {
        int index = _childSas.FindIndex(match);
        if (index < 0)
        {
            return null;
        }

        ChildSaReference child = _childSas[index];
        _childSas.RemoveAt(index);
        _childInstalledAt.Remove(child.InboundSpi);
        _rekeyBlockedUntil.Remove(child.InboundSpi);
        _closingChildSas.Remove(child.InboundSpi);
        Host.Delete(child.Protocol, child.InboundSpi);
        output.Raise(IkeSaEventKind.ChildSaDeleted, $"{child.Protocol} 0x{child.InboundSpi:x8}");
        return child;
    }

    /// <summary>Ends the SA: its Child SAs are removed from the host and nothing more is sent.</summary>
    internal void Close(IkeSaOutput output, IkeSaState final)
    {
        if (_peerRekey is { } peerRekey && peerRekey.Successor.State == IkeSaState.Established)
        {
            // Deleted before our own colliding rekey was resolved: the peer's new IKE SA is the survivor.
            MoveChildSasTo(peerRekey.Successor, output);
        }

        foreach (ChildSaReference child in _childSas)
        {
            Host.Delete(child.Protocol, child.InboundSpi);
            output.Raise(IkeSaEventKind.ChildSaDeleted, $"{child.Protocol} 0x{child.InboundSpi:x8}");
        }

        _childSas.Clear();
        State = final;
        if (final == IkeSaState.Failed)
        {
            NoteFailure(IkeSaFailureKind.ProtocolError, "the IKE SA failed");
            output.Raise(IkeSaEventKind.Failed, $"IKE SA {InitiatorSpi:x16}_{ResponderSpi:x16} {final}: {Failure!.Kind}", Failure.Kind);
        }
        else
        {
            output.Raise(IkeSaEventKind.Closed, $"IKE SA {InitiatorSpi:x16}_{ResponderSpi:x16} {final}");
        }
    }

    /// <summary>Derives SK_* from IKE_SA_INIT and keys SK protection for both directions.</summary>
    internal void EstablishKeys(NegotiatedTransforms transforms, ReadOnlySpan<byte> sharedSecret)
    {
        Span<byte> spiI = stackalloc byte[8];
        Span<byte> spiR = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(spiI, InitiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(spiR, ResponderSpi);
        UseKeys(transforms, IkeSaKeys.Derive(
            transforms.Prf!, NonceI, NonceR, sharedSecret, spiI, spiR, transforms.Integrity?.KeySize ?? 0, transforms.Encryption!.KeyMaterialSize));
        State = IkeSaState.Authenticating;
    }

    private void UseKeys(NegotiatedTransforms transforms, IkeSaKeys keys)
    {
        Transforms = transforms;
        _keys = keys;
        _outbound = IsInitiator
            ? new SkProtection(transforms.Encryption!, _keys.SkEi, transforms.Integrity, _keys.SkAi, Random)
            : new SkProtection(transforms.Encryption!, _keys.SkEr, transforms.Integrity, _keys.SkAr, Random);
        _inbound = IsInitiator
            ? new SkProtection(transforms.Encryption!, _keys.SkEr, transforms.Integrity, _keys.SkAr, Random)
            : new SkProtection(transforms.Encryption!, _keys.SkEi, transforms.Integrity, _keys.SkAi, Random);
        _protectedReader = new InboundMessageReader(_inbound, new FragmentReassembler(ReassemblyLimits.Default, Time));
    }
}
