using System.Net;

namespace IpsecTun.Engine.Runtime;

/// <summary>Resolves a peer's DNS name before each connection attempt.</summary>
public interface IHostNameResolver
{
    /// <summary>The addresses of <paramref name="hostName"/>, empty when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken);
}
