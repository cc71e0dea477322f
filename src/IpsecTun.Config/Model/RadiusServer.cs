using System.Collections.Immutable;
using System.Net;

namespace IpsecTun.Config;

/// <summary>A <c>/radius</c> entry: a RADIUS server for EAP passthrough (auth-method=eap-radius) and accounting.</summary>
/// <param name="Service">The services that use this server (<c>ipsec</c>, <c>ppp</c>, …).</param>
public sealed record RadiusServer(
    IPAddress Address,
    Secret Secret,
    ImmutableArray<string> Service,
    int AuthenticationPort,
    int AccountingPort,
    TimeSpan Timeout,
    string? Comment,
    bool Disabled);
