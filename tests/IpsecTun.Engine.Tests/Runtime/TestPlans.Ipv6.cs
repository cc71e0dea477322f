using IpsecTun.Engine.Plan;
using System.Net;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// The site-to-site pair over IPv6 outer addresses: the gateway at 2001:db8::1, the client at 2001:db8::2, each
/// with the given inside networks of either family (tunnel mode carries any family inside any other).
/// </summary>
internal static partial class TestPlans
{
    public static readonly IPAddress GatewayAddress6 = IPAddress.Parse("2001:db8::1");
    public static readonly IPAddress ClientAddress6 = IPAddress.Parse("2001:db8::2");
    public const string GatewayNet6 = "fd01::/64";
    public const string ClientNet6 = "fd02::/64";

    /// <summary>
    /// The pair over outer <paramref name="gatewayAddress"/> and <paramref name="clientAddress"/>; the client initiates
    /// only on traffic, and knows the gateway by <paramref name="gatewayName"/> when one is given.
    /// </summary>
    public static (EndpointPlan Gateway, EndpointPlan Client) Between(
        IPAddress gatewayAddress, IPAddress clientAddress, string gatewayNet = GatewayNet6, string clientNet = ClientNet6, string? gatewayName = null)
    {
        EndpointPlan gateway = Build(
            new Site("client", clientAddress, 500, null, Configuration.Value), [(gatewayNet, clientNet)], "gateway.example", true, null, "1", "shared secret");
        EndpointPlan client = Build(
            new Site("gw", gatewayAddress, 500, null, Configuration.Value, gatewayName), [(clientNet, gatewayNet)], "client.example", true, null, "1", "shared secret");
        return (gateway, client);
    }

    /// <summary>
    /// The pair with address IDs: the client names no local-address, so its plan holds the unspecified address of its
    /// family as its ID (as the planner writes it), and the gateway accepts only the client's own address as its ID.
    /// </summary>
    public static (EndpointPlan Gateway, EndpointPlan Client) WithAddressIds((EndpointPlan Gateway, EndpointPlan Client) pair, IPAddress clientAddress)
    {
        PeerPlan client = pair.Client.Peers[0];
        IPAddress unspecified = clientAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        PeerPlan unnamed = client with { Settings = client.Settings with { LocalId = Ike.Settings.IkeIdentity.FromAddress(unspecified) } };
        PeerPlan gateway = pair.Gateway.Peers[0];
        return (
            new EndpointPlan(pair.Gateway.Configuration, [gateway], new AddressIdResponders(clientAddress, gateway.Settings), pair.Gateway.Policies),
            new EndpointPlan(pair.Client.Configuration, [unnamed], pair.Client.Responders, pair.Client.Policies));
    }
}
