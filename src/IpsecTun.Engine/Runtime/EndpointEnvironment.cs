using IpsecTun.Crypto;
using IpsecTun.Engine.Plan;
using IpsecTun.Platform;
using IpsecTun.Platform.Dns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// What an <see cref="Endpoint"/> runs on: its adapter and the configurator for it, its network, clock,
/// randomness and resolver, the system's DNS configuration, where its log goes and how it loads its configuration again on reload. The
/// endpoint does not dispose any of these.
/// </summary>
public sealed record EndpointEnvironment(ITunDevice Tun, INetworkConfigurator Configurator, IEndpointNetwork Network)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public RandomSource Random { get; init; } = RandomSource.System;

    public IHostNameResolver Resolver { get; init; } = new DnsHostNameResolver();

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The system's IPv4 forwarding switch, turned on while a src-address-list is source-NATed; null: left as it is.</summary>
    public IIpForwarding? Forwarding { get; init; }

    /// <summary>Where DNS servers received by mode-config go; null: they are not handed to the system.</summary>
    public IDnsConfigurator? Dns { get; init; }

    /// <summary>Loads the configuration again for <c>reload</c>; null: reload reports that it cannot.</summary>
    public Func<EndpointPlanResult>? ReloadPlan { get; init; }
}
