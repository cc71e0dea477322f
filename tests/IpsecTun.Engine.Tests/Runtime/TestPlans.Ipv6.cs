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
}
