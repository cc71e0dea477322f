using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// ipsectun as road-warrior client on the left of a <see cref="SiteToSiteLab"/>, a strongSwan gateway with a
/// pool of virtual addresses on the right. The client's default route is the gateway's host, which also has
/// <see cref="Outside"/>: without the tunnel it is reached in the clear. Dispose removes everything, the client namespace's
/// /etc/netns folder included.
/// </summary>
internal sealed class RoadWarriorLab : IDisposable
{
    public const string Pool = "10.77.0.0/28";
    public const string Domain = "corp.example";
    public static readonly IPAddress Dns = IPAddress.Parse("10.2.0.53");
    public static readonly IPAddress Outside = IPAddress.Parse("10.3.0.1");
    private const string Psk = "interop-road-warrior-psk";

    private readonly List<IDisposable> _owned = [];

    /// <param name="gatewayTs">The gateway's local_ts: what its Child SA carries and its pool announces as subnet, or 0.0.0.0/0 for a full tunnel without one.</param>
    public RoadWarriorLab(string gatewayTs)
    {
        Lab = Own(new SiteToSiteLab());
        ResolvConf = $"/etc/netns/{Lab.Left.Name}/resolv.conf";
        try
        {
            Lab.Right.Ip("addr", "add", $"{Outside}/32", "dev", "lo");
            Lab.Left.Ip("route", "add", "default", "via", SiteToSiteLab.RightOuter.ToString());
            IkeSuite suite = IkeSuite.AesGcmEcp256;
            StrongSwan = Own(new StrongSwanDaemon(Lab.Right, Own(new TemporaryDirectory()), SwanctlConfig.RoadWarriorGateway(
                SiteToSiteLab.RightOuter, gatewayTs, Pool, Dns, Domain, suite.StrongSwanIke, suite.StrongSwanEsp, Psk)));
            Client = Own(new IpsecTunDaemon(Lab.Left, Own(new TemporaryDirectory()), IpsecTunConfig.RoadWarriorClient(SiteToSiteLab.RightOuter, suite, Psk)));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public SiteToSiteLab Lab { get; }

    public StrongSwanDaemon StrongSwan { get; } = null!;

    public IpsecTunDaemon Client { get; } = null!;

    /// <summary>The client namespace's resolv.conf, which `ip netns exec` shows its programs as /etc/resolv.conf.</summary>
    public string ResolvConf { get; }

    /// <summary>Where the client routes <paramref name="destination"/>, as `ip route get` prints it.</summary>
    public string RouteTo(IPAddress destination) =>
        Lab.Left.Exec(TimeSpan.FromSeconds(10), "ip", "route", "get", destination.ToString()).Output;

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        string? folder = Path.GetDirectoryName(ResolvConf);
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
