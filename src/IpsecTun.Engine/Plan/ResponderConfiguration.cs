using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// The responder's view of a plan. A request is answered by the enabled peer whose address prefix
/// contains the initiator's address most specifically (the manual's Peers section), among those whose
/// local-address, when set, is the address the request arrived on; passive or not, and 0.0.0.0/0 or
/// ::/0 answers anyone of its family. A peer given as a DNS name answers the address its name last
/// resolved to, which the running endpoint knows, as a single host (the way RouterOS matches such a
/// peer); before the name resolves it answers nobody. In IKE_AUTH the
/// identity is the first of that peer's identities (configured order) that accepts the initiator: by
/// the certificate it sent for identities with match-by=certificate (its remote-certificate, compared
/// before the certificate is verified, which the chosen settings then do), else by the ID it claims
/// (remote-id). Address IDs left open in the plan take the addresses of the request.
/// </summary>
public sealed class ResponderConfiguration : IResponderConfiguration
{
    private readonly IReadOnlyList<ResponderPeer> peers;

    // The settings handed out for each request, to find the peer and addresses again in IKE_AUTH.
    private readonly ConditionalWeakTable<IkeSaSettings, Request> requests = [];

    internal ResponderConfiguration(IReadOnlyList<ResponderPeer> peers) => this.peers = peers;

    public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote) => FindPeer(local, remote, _ => null);

    /// <summary>
    /// As <see cref="FindPeer(IPEndPoint, IPEndPoint)"/>, with <paramref name="resolvedAddressOf"/> giving the
    /// address a DNS-named peer's name last resolved to, by peer name (null when it has not resolved).
    /// </summary>
    public IkeSaSettings? FindPeer(IPEndPoint local, IPEndPoint remote, Func<string, IPAddress?> resolvedAddressOf)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(resolvedAddressOf);
        IPAddress localAddress = AddressIdentity.Plain(local.Address);
        IPAddress remoteAddress = AddressIdentity.Plain(remote.Address);
        ResponderPeer? best = null;
        int bestLength = -1;
        foreach (var peer in peers)
        {
            IPAddress? resolved = peer.Plan.Address.HostName is null ? null : resolvedAddressOf(peer.Plan.Name);
            if (peer.Plan.MatchLength(remoteAddress, resolved is null ? null : AddressIdentity.Plain(resolved)) is { } length
                && (peer.Plan.LocalAddress is null || peer.Plan.LocalAddress.Equals(localAddress))
                && length > bestLength)
            {
                best = peer;
                bestLength = length;
            }
        }

        // IKE_SA_INIT asks for certificates (CERTREQ) when any identity of the peer expects them.
        return best is null
            ? null
            : Hand(new Request(best, localAddress, remoteAddress), best.Identities.FirstOrDefault(ExpectsCertificate) ?? best.Identities[0]);
    }

    public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId) => FindIdentity(peer, initiatorId, null);

    public IkeSaSettings? FindIdentity(IkeSaSettings peer, IdentificationPayload initiatorId, X509Certificate2? certificate)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(initiatorId);
        if (!requests.TryGetValue(peer, out var request))
        {
            return null;
        }

        foreach (var identity in request.Peer.Identities)
        {
            var resolved = AddressIdentity.Resolve(identity, request.Local, request.Remote);
            bool accepts = resolved.PeerValidation is { MatchBy: PeerMatch.Certificate, RemoteCertificate: { } expected }
                ? certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(expected.RawDataMemory.Span)
                : resolved.RemoteId is null || resolved.RemoteId.Matches(initiatorId);
            if (accepts)
            {
                return Hand(request with { Identity = identity }, resolved);
            }
        }

        return null;
    }

    /// <summary>The configured identity chosen in IKE_AUTH for <paramref name="settings"/>; null for settings not handed out by an identity lookup here.</summary>
    public Config.Identity? IdentityOf(IkeSaSettings settings) =>
        requests.TryGetValue(settings, out var request) && request.Identity is { } planned ? request.Peer.ConfiguredIdentityOf(planned) : null;

    /// <summary>The name of the peer whose settings these are, for logs and the active-peers view; null for settings not handed out here.</summary>
    public string? PeerNameOf(IkeSaSettings settings) => requests.TryGetValue(settings, out var request) ? request.Peer.Plan.Name : null;

    private IkeSaSettings Hand(Request request, IkeSaSettings settings)
    {
        var resolved = AddressIdentity.Resolve(settings, request.Local, request.Remote);
        requests.AddOrUpdate(resolved, request);
        return resolved;
    }

    private static bool ExpectsCertificate(IkeSaSettings settings) => settings.ExpectedRemoteAuthMethod == IkeAuthMethod.DigitalSignature;

    private sealed record Request(ResponderPeer Peer, IPAddress Local, IPAddress Remote, IkeSaSettings? Identity = null);
}
