using System.Buffers.Binary;
using System.Net;
using IpsecTun.Core;
using IpsecTun.Esp;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Runtime;

/// <summary>The packet loops: adapter to network (protect, send or acquire) and network to adapter (open, write).</summary>
public sealed partial class Endpoint
{
    private readonly Lock _acquireLock = new();
    private readonly Dictionary<SecurityPolicy, AcquireQueue> _acquireQueues = [];

    private void TunLoop(IpsecWorker worker)
    {
        PacketBuffer[] buffers = NewBatch();
        var reply = new PacketBuffer(_bufferSize, Headroom);
        var stage = new SendStage(_sockets, Batch);
        RunLoop("tun", () =>
        {
            stage.Clear();
            int count = _environment.Tun.ReadBatch(buffers);
            for (int i = 0; i < count; i++)
            {
                Outbound(worker, buffers[i], stage, reply);
            }

            stage.FlushAll();
            return count > 0;
        });
    }

    /// <summary>
    /// Runs one batch after another until a batch reports the end (the device or socket was stopped). No
    /// exception ends the loop: it is counted and logged, and after a fault the loop pauses a tick so a
    /// persistent error cannot spin.
    /// </summary>
    private void RunLoop(string name, Func<bool> batch)
    {
        while (true)
        {
            try
            {
                if (!batch())
                {
                    return;
                }
            }
#pragma warning disable CA1031 // no exception may end a datapath loop
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (_stopping)
                {
                    return;
                }

                Fault(name, e);
                Thread.Sleep(TickInterval);
            }
        }
    }

    /// <summary>A loop's own buffers, allocated once when it starts.</summary>
    private PacketBuffer[] NewBatch()
    {
        var buffers = new PacketBuffer[Batch];
        for (int i = 0; i < Batch; i++)
        {
            buffers[i] = new PacketBuffer(_bufferSize, Headroom);
        }

        return buffers;
    }

    /// <summary>Protects and stages, holds for an acquire, or answers a packet read from the adapter; <paramref name="reply"/> is the loop's buffer for answers.</summary>
    private void Outbound(IpsecWorker worker, PacketBuffer packet, SendStage stage, PacketBuffer reply)
    {
        if (SourceNat.TranslateOutbound(packet.Data) == SourceNatVerdict.Dropped)
        {
            return;
        }

        OutboundResult result = worker.ProcessOutbound(packet);
        switch (result.Verdict)
        {
            case OutboundVerdict.Send:
                Stage(packet, result, stage);
                break;
            case OutboundVerdict.Acquire:
                HoldForAcquire(result.Policy!, packet);
                break;
            case OutboundVerdict.TooBig:
                AnswerTooBig(packet, result.Sa!, reply);
                break;
            case OutboundVerdict.Bypass:
                // Routed into the adapter, yet no policy protects it: it has nowhere to go.
                Counters.CountUnroutable();
                break;
        }
    }

    /// <summary>
    /// Hands a protected packet to the socket it leaves through: the outer addresses are read from the
    /// header the worker wrote, which the socket (not the packet) then carries.
    /// </summary>
    private void Stage(PacketBuffer packet, in OutboundResult result, SendStage stage)
    {
        SecurityAssociation sa = result.Sa!;
        ReadOnlySpan<byte> data = packet.Data;
        int addressLength = data[0] >> 4 == 4 ? 4 : 16;
        int sourceOffset = addressLength == 4 ? 12 : 8;
        byte version = addressLength == 4 ? (byte)4 : (byte)6;
        UInt128 source = IpAddressBits.Read(data.Slice(sourceOffset, addressLength));
        UInt128 destination = IpAddressBits.Read(data.Slice(sourceOffset + addressLength, addressLength));
        UdpEncapsulation? udp = sa.Encapsulation;
        bool ah = sa.Protocol == IpsecProtocols.Ah;
        SocketRole role = udp is not null ? SocketRole.NatTraversal : ah ? SocketRole.Ah : SocketRole.Esp;
        int socket = FindSocket(role, version, source, udp?.LocalPort ?? 0);

        // An IPv4 AH socket sends the header the ICV was computed over; every other socket writes its own.
        int trim = ah && version == 4 ? 0 : result.IpHeaderLength + (udp is null ? 0 : UdpHeader.Length);
        if (socket < 0 || !packet.TryTrimFront(trim))
        {
            Counters.CountUnroutable();
            return;
        }

        stage.Add(socket, packet, new NetworkEndpoint(version, destination, udp?.RemotePort ?? 0));
    }

    private int FindSocket(SocketRole role, byte version, UInt128 address, ushort port)
    {
        for (int i = 0; i < _sockets.Length; i++)
        {
            if (_sockets[i].Role == role && _sockets[i].Serves(version, address, port))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Copies the packet into the policy's acquire queue; the first one held asks the IKE thread for an SA.</summary>
    private void HoldForAcquire(SecurityPolicy policy, PacketBuffer packet)
    {
        bool first;
        lock (_acquireLock)
        {
            if (!_acquireQueues.TryGetValue(policy, out AcquireQueue? queue))
            {
                queue = new AcquireQueue();
                _acquireQueues[policy] = queue;
            }

            if (queue.Count == AcquireQueue.Capacity || !_acquirePool.TryRent(out PacketBuffer copy))
            {
                Counters.CountAcquireDrop();
                return;
            }

            copy.TrySet(packet.Data);
            first = queue.Count == 0;
            queue.TryAdd(copy);
        }

        if (first)
        {
            Post(() => Acquire(policy));
        }
    }

    private void ReceiveLoop(EndpointSocket socket, IpsecWorker worker)
    {
        PacketBuffer[] buffers = NewBatch();

        var sources = new NetworkEndpoint[Batch];
        var deliver = new PacketBuffer[Batch];
        RunLoop("udp", () =>
        {
            int count = socket.Socket.ReceiveBatch(buffers, sources);
            int delivered = 0;
            for (int i = 0; i < count; i++)
            {
                if (Inbound(socket, worker, buffers[i], sources[i]) && SourceNat.TranslateInbound(buffers[i].Data) != SourceNatVerdict.Dropped)
                {
                    deliver[delivered++] = buffers[i];
                }
            }

            if (delivered > 0)
            {
                lock (_tunWrite)
                {
                    _environment.Tun.WriteBatch(deliver.AsSpan(0, delivered));
                }
            }

            return count > 0;
        });
    }

    /// <summary>Sorts one received datagram; true when it was ESP that opened to a packet for the adapter.</summary>
    private bool Inbound(EndpointSocket socket, IpsecWorker worker, PacketBuffer datagram, NetworkEndpoint source)
    {
        switch (socket.Role)
        {
            case SocketRole.Ike:
                PostIke(datagram.Data, source, socket);
                return false;
            case SocketRole.NatTraversal:
                switch (NatTraversal.Classify(datagram.Data))
                {
                    case UdpPayloadKind.Ike:
                        PostIke(NatTraversal.IkeMessage(datagram.Data), source, socket);
                        return false;
                    case UdpPayloadKind.Esp:
                        return FrameUdp(datagram, source, socket) && Deliverable(worker.ProcessInbound(datagram));
                    default:
                        return false;
                }

            default:
                if (source.Version == 4 && socket.IsWildcard && ForOwnRawSocket(datagram.Data))
                {
                    return false;
                }

                return (source.Version == 4 || FrameIpv6(datagram, source, socket)) && Deliverable(worker.ProcessInbound(datagram));
        }
    }

    private static bool Deliverable(in InboundResult result) => result.Verdict == InboundVerdict.Deliver;

    /// <summary>Whether an IPv4 datagram a wildcard raw socket got is addressed to a raw socket of its own, which got it too.</summary>
    private bool ForOwnRawSocket(ReadOnlySpan<byte> datagram)
    {
        if (_ownRawAddresses.Length == 0 || datagram.Length < 20)
        {
            return false;
        }

        UInt128 destination = IpAddressBits.Read(datagram.Slice(16, 4));
        return Array.IndexOf(_ownRawAddresses, destination) >= 0;
    }

    /// <summary>Rebuilds the IP and UDP headers a UDP socket stripped, so the worker checks what arrived as a whole datagram.</summary>
    private bool FrameUdp(PacketBuffer datagram, NetworkEndpoint source, EndpointSocket socket)
    {
        int length = source.Version == 4 ? 4 : 16;
        Span<byte> from = stackalloc byte[length];
        Span<byte> to = stackalloc byte[length];
        IpAddressBits.Write(source.Version, source.Address, from);
        IpAddressBits.Write(source.Version, LocalAddressOf(socket, datagram.Data), to);
        return OuterHeaders.TryPrependIpUdp(datagram, from, to, source.Port, socket.Local.Port);
    }

    /// <summary>An IPv6 raw socket delivers no IP header; the worker needs one.</summary>
    private bool FrameIpv6(PacketBuffer datagram, NetworkEndpoint source, EndpointSocket socket)
    {
        Span<byte> from = stackalloc byte[16];
        Span<byte> to = stackalloc byte[16];
        IpAddressBits.Write(6, source.Address, from);
        IpAddressBits.Write(6, LocalAddressOf(socket, socket.Role == SocketRole.Ah ? AhFromSpi(datagram.Data) : datagram.Data), to);
        if (!datagram.TryPrepend(Ipv6Header.Length, out _))
        {
            return false;
        }

        OuterHeaders.WriteIp(datagram.Data, from, to, socket.Role == SocketRole.Ah ? IpProtocol.Ah : IpProtocol.Esp, 0);
        return true;
    }

    /// <summary>
    /// The address an ESP datagram was sent to. A wildcard socket does not say, so it is the address of
    /// the SA the SPI names; the worker then finds that SA anyway, and an unknown SPI fails there.
    /// <paramref name="esp"/> starts with the SPI.
    /// </summary>
    private UInt128 LocalAddressOf(EndpointSocket socket, ReadOnlySpan<byte> esp)
    {
        if (!socket.IsWildcard)
        {
            return socket.Local.Address;
        }

        return esp.Length >= 4 && Sad.TryGetInbound(BinaryPrimitives.ReadUInt32BigEndian(esp), out SecurityAssociation? sa) && sa.State != SaState.Larval
            ? IpAddressBits.FromIPAddress(sa.Destination)
            : UInt128.Zero;
    }

    /// <summary>An AH header from its SPI on (RFC 4302 §2: next header, length and a reserved field come first).</summary>
    private static ReadOnlySpan<byte> AhFromSpi(ReadOnlySpan<byte> ah) => ah.Length >= 4 ? ah[4..] : [];

    /// <summary>Copies an IKE message for the IKE thread, unless too many already wait.</summary>
    private void PostIke(ReadOnlySpan<byte> message, NetworkEndpoint source, EndpointSocket socket)
    {
        if (Interlocked.Increment(ref _pendingIke) > MaxPendingIke)
        {
            Interlocked.Decrement(ref _pendingIke);
            Counters.CountIkeDrop();
            return;
        }

        byte[] copy = message.ToArray();
        IPEndPoint from = source.ToIPEndPoint();
        Post(() =>
        {
            Interlocked.Decrement(ref _pendingIke);
            ReceiveIke(copy, from, socket);
        });
    }

    /// <summary>Protects and sends the packets an acquire held, now that <paramref name="peer"/> has SAs (IKE thread).</summary>
    private void SendHeld(PeerRuntime peer)
    {
        List<AcquireQueue> queues;
        lock (_acquireLock)
        {
            queues = [.. _acquireQueues.Where(q => peer.Owns(q.Key) && q.Value.Count > 0).Select(q => q.Value)];
        }

        var sent = new List<PacketBuffer>();
        foreach (AcquireQueue queue in queues)
        {
            lock (_acquireLock)
            {
                queue.Drain(sent.Add);
            }
        }

        try
        {
            foreach (PacketBuffer packet in sent)
            {
                OutboundResult result = _ikeWorker.ProcessOutbound(packet);
                if (result.Verdict == OutboundVerdict.Send)
                {
                    Stage(packet, result, _ikeStage);
                }
                else if (result.Verdict == OutboundVerdict.TooBig)
                {
                    AnswerTooBig(packet, result.Sa!, _heldReply ??= new PacketBuffer(_bufferSize, Headroom));
                }
                else
                {
                    Counters.CountAcquireDrop();
                }
            }

            _ikeStage.FlushAll();
        }
        finally
        {
            _ikeStage.Clear();
            sent.ForEach(_acquirePool.Return);
        }
    }

    /// <summary>Drops the packets held for <paramref name="peer"/>: its negotiation failed or it was disconnected.</summary>
    private void DropHeld(PeerRuntime peer)
    {
        lock (_acquireLock)
        {
            foreach ((SecurityPolicy policy, AcquireQueue queue) in _acquireQueues)
            {
                if (peer.Owns(policy))
                {
                    Counters.CountAcquireDrop(queue.Count);
                    queue.Drain(_acquirePool.Return);
                }
            }
        }
    }
}
