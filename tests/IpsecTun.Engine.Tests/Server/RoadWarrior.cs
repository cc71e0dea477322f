using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Esp;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Server;

/// <summary>
/// A light road-warrior client on a <see cref="MemoryNetwork"/>: an IKE initiator with mode-config and its own
/// ESP databases and worker, driven from the test's thread (no threads of its own), so a thousand fit in one test.
/// ESP goes over a raw socket, as between hosts without NAT.
/// </summary>
internal sealed class RoadWarrior : IDisposable
{
    private readonly MemorySocket _ike;
    private readonly MemorySocket _esp;
    private readonly SecurityAssociationDatabase _sad;
    private readonly SecurityPolicyDatabase _spd = new();
    private readonly IpsecWorker _worker;
    private readonly ChildSaHost _childSas;
    private readonly IkeSaSettings _settings;
    private readonly TimeProvider _time;

    public RoadWarrior(MemoryNetwork network, IPAddress address, IPAddress gateway, IkeSaSettings settings, TimeProvider time)
    {
        Address = address;
        Gateway = gateway;
        _settings = settings;
        _time = time;
        _ike = new MemorySocket(network, address, new IPEndPoint(address, 500), isRaw: false);
        _esp = new MemorySocket(network, address, new IPEndPoint(address, 0), isRaw: true);
        _sad = new SecurityAssociationDatabase(time, workerCount: 1);
        _worker = new IpsecWorker(0, _spd, _sad, new IpsecStatistics(), RandomSource.System);
        _childSas = new ChildSaHost(_sad, _spd, RandomSource.System, time, 64);
    }

    public IPAddress Address { get; }

    public IPAddress Gateway { get; }

    public IkeSa? Sa { get; private set; }

    /// <summary>Inner packets that arrived through the tunnel, decrypted.</summary>
    public List<byte[]> Received { get; } = [];

    public bool Established => Sa is { State: IkeSaState.Established, ChildSas.Count: > 0 };

    public IPAddress? VirtualAddress => Sa?.ModeConfig is { Addresses.Count: > 0 } modeConfig ? modeConfig.Addresses[0] : null;

    /// <summary>Starts a new IKE SA (a reconnect when one ran before; the old one is left as it is).</summary>
    public void Connect(bool initialContact = true)
    {
        Sa = IkeSa.CreateInitiator(
            _settings with { SendInitialContact = initialContact }, _childSas, new IPEndPoint(Address, 500), new IPEndPoint(Gateway, 500), RandomSource.System, _time);
        Send(Sa.Start());
    }

    /// <summary>Deletes the IKE SA with the gateway (INFORMATIONAL with DELETE).</summary>
    public void Disconnect() => Send(Sa!.Delete());

    /// <summary>Handles everything that arrived; true when anything did.</summary>
    public bool Pump()
    {
        bool any = false;
        while (_ike.TryReceive(out byte[] datagram, out NetworkEndpoint source))
        {
            any = true;
            if (Sa is not null)
            {
                Send(Sa.Receive(datagram, source.ToIPEndPoint(), new IPEndPoint(Address, 500)));
            }
        }

        while (_esp.TryReceive(out byte[] datagram, out _))
        {
            any = true;
            var buffer = new PacketBuffer(2048, 64);
            buffer.TrySet(datagram);
            if (_worker.ProcessInbound(buffer).Verdict == InboundVerdict.Deliver)
            {
                Received.Add(buffer.Data.ToArray());
            }
        }

        return any;
    }

    /// <summary>Retransmissions and DPD answers due by the clock.</summary>
    public void Tick()
    {
        if (Sa is not null)
        {
            Send(Sa.Tick());
        }
    }

    /// <summary>Protects an inner packet with the Child SA and sends it to the gateway; false when no SA covers it.</summary>
    public bool SendThroughTunnel(byte[] packet)
    {
        var buffer = new PacketBuffer(2048, 128);
        buffer.TrySet(packet);
        if (_worker.ProcessOutbound(buffer).Verdict != OutboundVerdict.Send)
        {
            return false;
        }

        // The raw socket writes the outer IPv4 header itself, so it goes without the one the worker wrote.
        byte[] esp = buffer.Data[Ipv4Header.MinLength..].ToArray();
        var datagram = new PacketBuffer(esp.Length, 0);
        datagram.TrySet(esp);
        _esp.SendBatch([datagram], [NetworkEndpoint.From(new IPEndPoint(Gateway, 0))]);
        return true;
    }

    private void Send(IkeSaOutput output)
    {
        foreach (OutboundDatagram datagram in output.Datagrams)
        {
            var buffer = new PacketBuffer(datagram.Data.Length, 0);
            buffer.TrySet(datagram.Data.Span);
            _ike.SendBatch([buffer], [NetworkEndpoint.From(datagram.To)]);
        }
    }

    public void Dispose()
    {
        Sa?.Dispose();
        _ike.Dispose();
        _esp.Dispose();
    }
}
