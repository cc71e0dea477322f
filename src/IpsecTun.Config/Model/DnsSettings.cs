using System.Collections.Immutable;
using System.Net;

namespace IpsecTun.Config;

/// <summary>The <c>/ip dns</c> menu: the servers a mode-config with system-dns=yes sends.</summary>
public sealed record DnsSettings(ImmutableArray<IPAddress> Servers);
