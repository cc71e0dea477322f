using System.Net;

namespace IpsecTun.Platform.Dns;

/// <summary>
/// Configures systemd-resolved for the tunnel's link with <c>resolvectl</c>: its servers, and its domains
/// (as search and routing domains), or the routing domain <c>~.</c> when the peer sent none, so that every
/// name is resolved through the tunnel. resolved forgets a link's settings when the link goes away, so a
/// crashed run leaves nothing behind once its TUN device is removed.
/// </summary>
public sealed class ResolvectlDnsConfigurator(ICommandRunner runner) : IDnsConfigurator
{
    private string? _interfaceName;

    public void Apply(string interfaceName, IReadOnlyList<IPAddress> servers, IReadOnlyList<string> domains)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(domains);
        _interfaceName = interfaceName;
        Run(["dns", interfaceName, .. servers.Select(s => s.ToString())]);
        Run(["domain", interfaceName, .. domains.Count > 0 ? domains : ["~."]]);
        Run(["default-route", interfaceName, domains.Count > 0 ? "no" : "yes"]);
    }

    public void Restore()
    {
        if (_interfaceName is { } name)
        {
            _interfaceName = null;
            Run(["revert", name]);
        }
    }

    private void Run(IReadOnlyList<string> arguments)
    {
        (int exitCode, string error) = runner.Run("resolvectl", arguments);
        if (exitCode != 0)
        {
            throw new IOException($"resolvectl {string.Join(' ', arguments)} failed ({exitCode}): {error}");
        }
    }
}
