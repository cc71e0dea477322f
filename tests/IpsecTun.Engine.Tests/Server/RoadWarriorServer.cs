using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Engine.Runtime;
using IpsecTun.Engine.Tests.Runtime;
using IpsecTun.Engine.Tests.Runtime.Fakes;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Tests.Server;

/// <summary>
/// One gateway endpoint in server mode (the manual's road-warrior setup with a pre-shared key: a passive peer
/// for any address, mode-config from a pool, generate-policy=port-strict against a template group, DPD every
/// 10 s) and any number of <see cref="RoadWarrior"/> clients on one in-memory network and one fake clock.
/// </summary>
internal sealed class RoadWarriorServer : IDisposable
{
    public static readonly IPAddress GatewayAddress = IPAddress.Parse("192.0.2.1");

    private const string Configuration = """
        { "ip": {
            "ipsec": {
              "profile":      [ { "name": "rw", "enc-algorithm": "aes-128-gcm", "hash-algorithm": "sha256", "dh-group": "ecp256", "dpd-interval": "10s" } ],
              "proposal":     [ { "name": "rw", "auth-algorithms": "null", "enc-algorithms": "aes-128-gcm", "pfs-group": "none" } ],
              "policy-group": [ { "name": "rw" } ],
              "policy":       [ { "group": "rw", "template": "yes", "src-address": "10.1.0.0/24", "dst-address": "10.77.0.0/20", "proposal": "rw" } ],
              "mode-config":  [ { "name": "rw", "address-pool": "rw-pool", "address-prefix-length": 32, "split-include": "10.1.0.0/24", "system-dns": "no", "static-dns": "10.1.0.53" } ],
              "peer":         [ { "name": "rw", "exchange-mode": "ike2", "passive": "yes", "profile": "rw" } ],
              "identity":     [ { "peer": "rw", "secret": "road warriors", "generate-policy": "port-strict", "mode-config": "rw", "policy-template-group": "rw" } ] },
            "pool": [ { "name": "rw-pool", "ranges": "10.77.0.1-10.77.15.254" } ] } }
        """;

    public RoadWarriorServer()
    {
        Gateway = new Endpoint(ConfigurationText.Plan(Configuration), new EndpointEnvironment(Tun, Adapter, Network.Host(GatewayAddress)) { Time = Clock });
        Gateway.Start();
    }

    public FakeClock Clock { get; } = new();

    public MemoryNetwork Network { get; } = new();

    public MemoryTun Tun { get; } = new("gw0", 7);

    public RecordingConfigurator Adapter { get; } = new();

    public Endpoint Gateway { get; }

    public List<RoadWarrior> Clients { get; } = [];

    /// <summary>A client at 100.64.x.y (the n-th) with the ID rwN@example.com, asking for an address and any network.</summary>
    public RoadWarrior AddClient(int n, string? id = null)
    {
        var address = new IPAddress([100, 64, (byte)(n / 250), (byte)(n % 250 + 1)]);
        var any = Ike.Messages.TrafficSelector.AddressRange(IPAddress.Any, IPAddress.Broadcast);
        var settings = new IkeSaSettings(
            [new IkeProposalSettings([Aes128Gcm], [PrfAlgorithms.HmacSha2_256], [], [Ecp256])],
            IkeIdentity.FromEmail(id ?? $"rw{n}@example.com"),
            null,
            new PreSharedKey("road warriors"u8.ToArray()),
            new ChildSaSettings([new ChildProposalSettings([Aes128Gcm], [])], [any], [any], ChildSaMode.Tunnel, TimeSpan.FromHours(1)),
            TimeSpan.FromHours(8),
            TestPlans.Retransmission,
            ModeConfig: new ModeConfigRequest());
        var client = new RoadWarrior(Network, address, GatewayAddress, settings, Clock);
        Clients.Add(client);
        return client;
    }

    /// <summary>Connects the clients in waves (the gateway's IKE queue is bounded) and waits until each has its Child SA.</summary>
    public void ConnectAll(IReadOnlyList<RoadWarrior> clients, int wave = 100)
    {
        for (int i = 0; i < clients.Count; i += wave)
        {
            var batch = clients.Skip(i).Take(wave).ToList();
            batch.ForEach(c => c.Connect());
            Drive(() => batch.All(c => c.Established), $"clients {i}..{i + batch.Count - 1} to connect");
        }
    }

    /// <summary>Pumps every client until the condition holds (real time: the gateway's threads do the work).</summary>
    public void Drive(Func<bool> condition, string what, int seconds = 60)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            bool any = false;
            foreach (RoadWarrior client in Clients)
            {
                any |= client.Pump();
            }

            if (!any)
            {
                Thread.Sleep(5);
            }
        }
    }

    /// <summary>Moves the fake clock in steps, ticking the clients and pumping, until the condition holds.</summary>
    public void AdvanceUntil(Func<bool> condition, TimeSpan step, TimeSpan limit, IReadOnlyList<RoadWarrior> alive)
    {
        for (TimeSpan moved = TimeSpan.Zero; !condition(); moved += step)
        {
            Assert.True(moved <= limit, $"the condition did not hold within {limit} of fake time");
            Clock.Advance(step);
            foreach (RoadWarrior client in alive)
            {
                client.Tick();
            }

            DateTime until = DateTime.UtcNow.AddSeconds(1);
            while (!condition() && DateTime.UtcNow < until)
            {
                foreach (RoadWarrior client in alive)
                {
                    client.Pump();
                }

                Thread.Sleep(10);
            }
        }
    }

    public IReadOnlyList<Engine.Control.ViewRow> Show(Engine.Control.ViewMenu menu) => Gateway.Show(menu, withKeys: false);

    public void Dispose()
    {
        Gateway.Dispose();
        Clients.ForEach(c => c.Dispose());
        Tun.Dispose();
    }

    private static EncryptionAlgorithm Aes128Gcm =>
        TransformRegistry.TryGetEncryption(EncryptionTransformId.AesGcm16, 128, out EncryptionAlgorithm? a) ? a : throw new InvalidOperationException("AES-GCM");

    private static KeyExchangeGroup Ecp256 =>
        TransformRegistry.TryGetKeyExchange(KeyExchangeGroupId.Ecp256, out KeyExchangeGroup? g) ? g : throw new InvalidOperationException("ECP-256");
}
