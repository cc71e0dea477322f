using System.Net;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Radius;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Engine.Eap;

/// <summary>
/// The RADIUS servers of a plan (<c>/radius</c> entries with service=ipsec, in order, failing over). The client
/// and its UDP socket are opened at the first authentication and live as long as the process; each IKE SA gets
/// its own <see cref="RadiusEapAuthenticator"/>.
/// </summary>
internal sealed class RadiusBackend(IReadOnlyList<RadiusServerSettings> servers, RadiusClientOptions options)
{
    private readonly Lock _gate = new();
    private RadiusClient? _client;

    public IReadOnlyList<RadiusServerSettings> Servers => servers;

    public RadiusClient Client
    {
        get
        {
            lock (_gate)
            {
                return _client ??= new RadiusClient(servers, new UdpRadiusTransport(new IPEndPoint(IPAddress.Any, 0)), options, RandomSource.System);
            }
        }
    }

    public IEapAuthenticator Authenticator(EapContext context) =>
        new RadiusEapAuthenticator(
            Client.StartEap(NasAttributes(context.Sa.Local, context.Sa.Remote)),
            RandomSource.System,
            accept => RadiusAuthorizations.Remember(context.Sa, new RadiusAuthorization(this, accept)));

    /// <summary>Who asks: NAS-Identifier, the virtual port type, and both IKE addresses as station IDs (RFC 3580 style).</summary>
    public static IReadOnlyList<RadiusAttribute> NasAttributes(IPEndPoint local, IPEndPoint remote) =>
    [
        new(RadiusAttributeType.NasIdentifier, "ipsectun"u8),
        new(RadiusAttributeType.NasPortType, [0, 0, 0, 5]),
        new(RadiusAttributeType.CalledStationId, Encoding.ASCII.GetBytes(local.Address.ToString())),
        new(RadiusAttributeType.CallingStationId, Encoding.ASCII.GetBytes(remote.Address.ToString())),
    ];
}
