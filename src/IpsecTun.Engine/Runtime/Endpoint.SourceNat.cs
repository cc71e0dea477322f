using System.Net;
using System.Net.Sockets;
using IpsecTun.Core;
using IpsecTun.Engine.Plan;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Dynamic source NAT (the manual's RoadWarrior client with NAT): once a peer's mode-config hands this side a
/// virtual IPv4 address, the local networks of its src-address-list leave through the tunnel as that address,
/// translated before the policy lookup and back after decapsulation; the rule goes with the peer's last IKE SA.
/// Hosts on those networks reach the tunnel through this system, so IPv4 forwarding is turned on while a rule
/// exists (and off again afterwards if this endpoint turned it on).
/// </summary>
public sealed partial class Endpoint
{
    /// <summary>Idle connections are swept this often; the table also drops an expired one whenever it meets it.</summary>
    private static readonly TimeSpan SourceNatSweepInterval = TimeSpan.FromSeconds(10);

    private long _lastSourceNatSweep;
    private bool _forwardingTurnedOn;

    /// <summary>The source NAT rules in force and their counters.</summary>
    public DynamicSourceNat SourceNat { get; }

    /// <summary>
    /// A peer's mode-config result arrived (IKE thread): its first IPv4 address becomes the translated source of
    /// the peer's src-address-list networks towards the split-include networks received.
    /// </summary>
    private void ApplySourceNat(PeerRuntime peer, ModeConfigResult result)
    {
        IReadOnlyList<IpPrefix> inside = SourceNatNetworks.For(Plan.Configuration, peer.Name);
        if (inside.Count == 0)
        {
            RemoveSourceNat(peer);
            return;
        }

        IPAddress? address = result.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        if (address is null || !SourceNat.Apply(peer, address, inside, result.SplitNetworks, out bool changed))
        {
            EndpointLog.Problem(_log, peer.Name, "src-address-list: no IPv4 address came with mode-config, so the local networks are not translated");
            RemoveSourceNat(peer);
            return;
        }

        if (!changed)
        {
            return;
        }

        SourceNatRule? rule = SourceNat.RuleOf(peer);
        EndpointLog.SourceNatApplied(_log, peer.Name, rule);
        EnsureForwarding(peer);
    }

    /// <summary>The peer has no IKE SA left: its translated connections end with it.</summary>
    private void RemoveSourceNat(PeerRuntime peer)
    {
        if (SourceNat.Remove(peer))
        {
            EndpointLog.Info(_log, peer.Name, "source NAT removed");
            if (SourceNat.RuleCount == 0)
            {
                RestoreForwarding(peer.Name);
            }
        }
    }

    /// <summary>After a reload: a kept peer's address list may have changed, and its rule follows the new one.</summary>
    private void RefreshSourceNat()
    {
        foreach (IkeSaEntry entry in _ikeSas.Values.Where(e => e.Sa.State == IkeSaState.Established))
        {
            if (entry.Peer is { } peer && entry.Sa.ModeConfig is { } result && _peers.GetValueOrDefault(peer.Name) == peer)
            {
                ApplySourceNat(peer, result);
            }
        }
    }

    private void SweepSourceNat()
    {
        if (SourceNat.RuleCount > 0 && Time.GetElapsedTime(_lastSourceNatSweep) >= SourceNatSweepInterval)
        {
            _lastSourceNatSweep = Time.GetTimestamp();
            SourceNat.RemoveExpired();
        }
    }

    private void ClearSourceNat()
    {
        SourceNat.Clear();
        RestoreForwarding("stop");
    }

    private void EnsureForwarding(PeerRuntime peer)
    {
        if (_environment.Forwarding is not { } forwarding || _forwardingTurnedOn)
        {
            return;
        }

        try
        {
            if (!forwarding.Ipv4Enabled)
            {
                forwarding.Ipv4Enabled = true;
                _forwardingTurnedOn = true;
                EndpointLog.Info(_log, peer.Name, "IPv4 forwarding turned on for the source-NATed networks");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            EndpointLog.Problem(_log, peer.Name, "cannot turn IPv4 forwarding on, so hosts behind this system cannot reach the tunnel: " + e.Message);
        }
    }

    private void RestoreForwarding(string reason)
    {
        if (!_forwardingTurnedOn || _environment.Forwarding is not { } forwarding)
        {
            return;
        }

        _forwardingTurnedOn = false;
        try
        {
            forwarding.Ipv4Enabled = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fault(reason, e);
        }
    }
}
