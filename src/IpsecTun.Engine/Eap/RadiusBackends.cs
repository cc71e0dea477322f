using System.Net;
using System.Security.Cryptography;
using IpsecTun.Config;
using IpsecTun.Eap.Radius;

namespace IpsecTun.Engine.Eap;

/// <summary>
/// One <see cref="RadiusBackend"/> per set of RADIUS servers for the life of the process, so that a reload with
/// the same <c>/radius</c> entries keeps its client, socket and preferred server.
/// </summary>
internal static class RadiusBackends
{
    private static readonly Dictionary<string, RadiusBackend> Backends = [];

    public static RadiusBackend For(IReadOnlyList<RadiusServer> servers)
    {
        // Keyed by a hash of everything that shapes the client, so the secret never sits in a key in the clear.
        string key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(
            '|', servers.Select(s => $"{s.Address}/{s.AuthenticationPort}/{s.AccountingPort}/{s.Timeout.Ticks}/{Convert.ToHexString(s.Secret.Value)}")))));
        lock (Backends)
        {
            if (!Backends.TryGetValue(key, out RadiusBackend? backend))
            {
                backend = new RadiusBackend(
                    [.. servers.Select(s => new RadiusServerSettings(
                        new IPEndPoint(s.Address, s.AuthenticationPort), new IPEndPoint(s.Address, s.AccountingPort), s.Secret.Value.ToArray()))],
                    new RadiusClientOptions { InitialTimeout = TimeSpan.FromTicks(Math.Max(servers[0].Timeout.Ticks, TimeSpan.FromMilliseconds(300).Ticks)) });
                Backends[key] = backend;
            }

            return backend;
        }
    }
}
