using System.Net;
using IpsecTun.Platform;

namespace IpsecTun.Engine.Tests.Runtime.Fakes;

/// <summary>A NAT keepalive seen on a <see cref="MemoryNetwork"/>: the address the network saw it from, the sending port, the destination.</summary>
internal sealed record SentKeepalive(IPAddress From, int FromPort, NetworkEndpoint To);
