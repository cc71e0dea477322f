using System.Net;

namespace IpsecTun.Platform;

/// <summary>
/// Where the system sends packets for one destination: out of <see cref="InterfaceIndex"/>, to
/// <see cref="Gateway"/> (null when the destination is on-link), from <see cref="PreferredSource"/> (null
/// when the route names none).
/// </summary>
public sealed record RoutePath(int InterfaceIndex, IPAddress? Gateway, IPAddress? PreferredSource);
