using System.Collections.Immutable;
using IpsecTun.Config;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// Collects what keeps a loaded configuration from running, naming entries as loading does
/// (<c>ip.ipsec.identity[0] (peer office)</c>). Peers and identities have no built-in entries, so their
/// position in the configuration is their position in the file; policies are named by their addresses,
/// since the built-in template may or may not precede them.
/// </summary>
internal sealed class PlanErrors(IpsecConfiguration configuration, string source)
{
    private readonly List<ConfigurationError> errors = [];

    public int Count => errors.Count;

    public void Peer(Peer peer, string? property, string message) =>
        errors.Add(new ConfigurationError(source, $"ip.ipsec.peer[{configuration.Peers.IndexOf(peer)}] ({peer.Name})", property, message));

    public void Identity(Identity identity, string? property, string message) =>
        errors.Add(new ConfigurationError(source, $"ip.ipsec.identity[{configuration.Identities.IndexOf(identity)}] (peer {identity.Peer})", property, message));

    public void Certificate(CertificateEntry certificate, string? property, string message) =>
        errors.Add(new ConfigurationError(source, $"certificate[{configuration.Certificates.IndexOf(certificate)}] ({certificate.Name})", property, message));

    public void Policy(Policy policy, string? property, string message) =>
        errors.Add(new ConfigurationError(source, $"ip.ipsec.policy ({policy.SrcAddress} to {policy.DstAddress})", property, message));

    public ImmutableArray<ConfigurationError> ToImmutable() => [.. errors];
}
