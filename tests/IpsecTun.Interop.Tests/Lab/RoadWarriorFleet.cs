using System.Net;
using System.Text.RegularExpressions;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// A <see cref="RoadWarriorBridgeLab"/> with an ipsectun gateway and one strongSwan client per client namespace.
/// Each configuration is made by a function that may also put files (certificates, keys) into the daemon's
/// folder before it starts; a client can be killed and started again with its configuration.
/// </summary>
internal sealed partial class RoadWarriorFleet : IDisposable
{
    private readonly RoadWarriorBridgeLab _lab;
    private readonly Func<int, TemporaryDirectory, string> _clientConfig;
    private readonly List<TemporaryDirectory> _directories = [];
    private readonly List<StrongSwanDaemon> _clients = [];
    private List<IPAddress> _addresses = [];

    public RoadWarriorFleet(int clients, Func<TemporaryDirectory, string> gatewayConfig, Func<int, TemporaryDirectory, string> clientConfig)
    {
        _clientConfig = clientConfig;
        _lab = new RoadWarriorBridgeLab(clients);
        try
        {
            TemporaryDirectory gateway = Directory();
            Gateway = new IpsecTunDaemon(_lab.Gateway, gateway, gatewayConfig(gateway));
            for (int n = 0; n < clients; n++)
            {
                _clients.Add(StartClient(n));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IpsecTunDaemon Gateway { get; } = null!;

    public IReadOnlyList<StrongSwanDaemon> Clients => _clients;

    /// <summary>Every client initiates (a few at once, as road warriors arrive) and must succeed.</summary>
    public void ConnectAll()
    {
        var outcomes = new CommandResult[_clients.Count];
        Parallel.For(0, _clients.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n => outcomes[n] = _clients[n].Initiate("office"));
        for (int n = 0; n < outcomes.Length; n++)
        {
            Assert.True(outcomes[n].ExitCode == 0, $"client {n}: {outcomes[n]}\n{Gateway.Log}");
        }
    }

    /// <summary>Each client's virtual address from its Child SA: distinct, and from the lab's 10.77.0.0/16.</summary>
    public List<IPAddress> VirtualAddresses()
    {
        _addresses = [.. _clients.Select(VirtualAddressOf)];
        Assert.Equal(_addresses.Count, _addresses.Distinct().Count());
        return _addresses;
    }

    /// <summary>Each client pings the office from its virtual address, and the office pings each virtual address.</summary>
    public void PingBothWays()
    {
        for (int n = 0; n < _clients.Count; n++)
        {
            CommandResult up = SiteToSiteLab.Ping(_lab.Clients[n], _addresses[n], RoadWarriorBridgeLab.GatewayInside, count: 2);
            Assert.True(up.ExitCode == 0, $"client {n}: {up}\n{_clients[n].ListSas()}\n{Gateway.Log}");
            CommandResult down = SiteToSiteLab.Ping(_lab.Gateway, RoadWarriorBridgeLab.GatewayInside, _addresses[n], count: 2);
            Assert.True(down.ExitCode == 0, $"to client {n}: {down}\n{Gateway.Log}");
        }
    }

    /// <summary>Kills client <paramref name="n"/>'s charon with SIGKILL (no delete reaches the gateway) and waits until it is gone.</summary>
    public void Kill(int n)
    {
        _clients[n].Kill();
        StrongSwanDaemon.WaitFor(() => _clients[n].HasExited, TimeSpan.FromSeconds(10), $"client {n}'s charon to die");
        _clients[n].Dispose();
    }

    /// <summary>Starts client <paramref name="n"/> again (after <see cref="Kill"/>) with the same configuration and a fresh folder.</summary>
    public StrongSwanDaemon Restart(int n) => _clients[n] = StartClient(n);

    public void Dispose()
    {
        _clients.ForEach(c => c.Dispose());
        Gateway?.Dispose();
        _lab.Dispose();
        _directories.ForEach(d => d.Dispose());
    }

    private static IPAddress VirtualAddressOf(StrongSwanDaemon client)
    {
        string sas = client.ListSas();
        Match match = VirtualAddress().Match(sas);
        Assert.True(match.Success, sas);
        return IPAddress.Parse(match.Groups[1].Value);
    }

    private StrongSwanDaemon StartClient(int n)
    {
        TemporaryDirectory directory = Directory();
        return new StrongSwanDaemon(_lab.Clients[n], directory, _clientConfig(n, directory));
    }

    private TemporaryDirectory Directory()
    {
        var directory = new TemporaryDirectory();
        _directories.Add(directory);
        return directory;
    }

    [GeneratedRegex(@"local\s+(10\.77\.\d+\.\d+)/32")]
    private static partial Regex VirtualAddress();
}
