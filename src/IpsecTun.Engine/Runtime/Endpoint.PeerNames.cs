using System.Net;
using System.Net.Sockets;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Peers named by DNS. The name is looked up before each initiation; a passive peer's when the endpoint starts
/// (or a reload adds it); and again when an IKE_SA_INIT request comes from an address no single-host peer
/// claims, since a peer on a dynamic address may have moved there (its retransmission then finds it). The
/// answer is kept on the peer (<see cref="PeerRuntime.ResolvedAddress"/>, a new one replaces the old): the
/// adapter's routes leave it out, so IKE and ESP to the peer never enter the tunnel, and requests from it
/// are answered as that peer.
/// </summary>
public sealed partial class Endpoint
{
    /// <summary>Lookups asked for by requests from unclaimed addresses are at least this far apart for a peer.</summary>
    private static readonly TimeSpan LookupSpacing = TimeSpan.FromSeconds(10);

    /// <summary>At start or when a reload adds the peer: active peers are initiated, passive named ones looked up.</summary>
    private void StartPeer(PeerRuntime peer)
    {
        if (!peer.Plan.Passive)
        {
            Initiate(peer);
        }
        else if (peer.Plan.Address.HostName is { } hostName)
        {
            LookUp(peer, hostName);
        }
    }

    /// <summary>Starts a lookup of the peer's name unless one is under way; its answer is applied on the IKE thread.</summary>
    private void LookUp(PeerRuntime peer, string hostName)
    {
        if (peer.Resolving)
        {
            return;
        }

        peer.Resolving = true;
        peer.LookedUpAt = Time.GetTimestamp();
        _ = LookUpAsync(peer, hostName);
    }

    private async Task LookUpAsync(PeerRuntime peer, string hostName)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await _environment.Resolver.ResolveAsync(hostName, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a resolver fault is a failed lookup like any other
        catch (Exception)
#pragma warning restore CA1031
        {
            addresses = [];
        }

        Post(() => OnLookedUp(peer, hostName, addresses));
    }

    private void OnLookedUp(PeerRuntime peer, string hostName, IPAddress[] addresses)
    {
        peer.Resolving = false;
        bool initiate = peer.InitiateWhenResolved;
        peer.InitiateWhenResolved = false;
        IPAddress? address = addresses.FirstOrDefault(a => Reaches(peer, a));
        if (address is null)
        {
            string problem = addresses.Length == 0
                ? $"{hostName} does not resolve"
                : $"{hostName} resolves to no address this endpoint has sockets for ({string.Join(", ", addresses.Select(a => a.ToString()))})";
            EndpointLog.Problem(_log, peer.Name, problem);
            if (initiate)
            {
                FailLookup(peer, problem);
            }

            return;
        }

        if (!address.Equals(peer.ResolvedAddress))
        {
            peer.ResolvedAddress = address;
            EndpointLog.Resolved(_log, peer.Name, hostName, address);
            if (!_stopping)
            {
                UpdateRoutes();
            }
        }

        if (initiate && !peer.Disconnected && !_stopping)
        {
            InitiateTo(peer, address);
        }
    }

    /// <summary>An initiation whose lookup found nothing: it fails like an unanswered one, and an active peer tries again after back-off.</summary>
    private void FailLookup(PeerRuntime peer, string problem)
    {
        CompleteWaiters(peer, ConnectResult.Timeout, problem);
        DropHeld(peer);
        if (!peer.Plan.Passive && !peer.Disconnected && !_stopping)
        {
            ScheduleReconnect(peer, peer.Backoff.Next());
        }
    }

    /// <summary>
    /// An address of the peer's local-address family when it has one, and of a family this endpoint has an
    /// IKE socket for: a host without IPv6 takes the IPv4 address of a name that has both.
    /// </summary>
    private bool Reaches(PeerRuntime peer, IPAddress address)
    {
        byte version = address.AddressFamily == AddressFamily.InterNetwork ? (byte)4 : (byte)6;
        return (peer.Plan.LocalAddress is null || address.AddressFamily == peer.Plan.LocalAddress.AddressFamily)
            && _sockets.Any(s => s.Role == SocketRole.Ike && s.Local.Version == version);
    }

    /// <summary>
    /// A request came from <paramref name="address"/>: unless a single-host peer claims it, a peer named by DNS
    /// may have moved there, so the names not looked up within <see cref="LookupSpacing"/> are looked up again.
    /// </summary>
    private void LookUpMovedPeers(IPAddress address)
    {
        if (PeerFor(address) is { Plan.Address.IsSingleHost: true })
        {
            return;
        }

        long now = Time.GetTimestamp();
        foreach (PeerRuntime peer in _peers.Values)
        {
            if (peer.Plan.Address.HostName is { } hostName && (peer.LookedUpAt is not { } last || Time.GetElapsedTime(last, now) >= LookupSpacing))
            {
                LookUp(peer, hostName);
            }
        }
    }
}
