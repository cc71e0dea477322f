using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// The EAP tests' lab: the two hosts of <see cref="SiteToSiteLab"/> (ipsectun and FreeRADIUS on the left,
/// strongSwan on the right), a folder for each program, and whatever the test starts, stopped in reverse order.
/// </summary>
internal sealed class EapLab : IDisposable
{
    private readonly List<IDisposable> _started = [];

    public EapLab()
    {
        LabRequirement.EnsureAvailable();
        Hosts = new SiteToSiteLab();
    }

    public SiteToSiteLab Hosts { get; }

    /// <summary>ipsectun's folder (certificates, configuration).</summary>
    public TemporaryDirectory Left { get; } = new();

    /// <summary>strongSwan's folder (swanctl credentials, configuration).</summary>
    public TemporaryDirectory Right { get; } = new();

    public TemporaryDirectory RadiusDirectory { get; } = new();

    public IpsecTunDaemon IpsecTun(string configurationJson) => Started(new IpsecTunDaemon(Hosts.Left, Left, configurationJson));

    public StrongSwanDaemon StrongSwan(string swanctlConf) => Started(new StrongSwanDaemon(Hosts.Right, Right, swanctlConf));

    public FreeRadiusDaemon FreeRadius(string password, IPAddress? framedIpAddress = null, (string, string, string)? tls = null) =>
        Started(new FreeRadiusDaemon(Hosts.Left, RadiusDirectory, EapLabConfig.User, password, framedIpAddress, tls));

    public void Dispose()
    {
        for (int i = _started.Count - 1; i >= 0; i--)
        {
            _started[i].Dispose();
        }

        Hosts.Dispose();
        Left.Dispose();
        Right.Dispose();
        RadiusDirectory.Dispose();
    }

    private T Started<T>(T started)
        where T : IDisposable
    {
        _started.Add(started);
        return started;
    }
}
