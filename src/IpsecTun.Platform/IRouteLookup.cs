using System.Net;

namespace IpsecTun.Platform;

/// <summary>Asks the system which path it would use for a destination, as a sent packet would take it.</summary>
public interface IRouteLookup : IDisposable
{
    /// <summary>The path to <paramref name="destination"/>, or null when the system has no route to it.</summary>
    RoutePath? Lookup(IPAddress destination);
}
