using System.Net;
using System.Net.Sockets;
using IpsecTun.Config;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// One enabled peer: where it is (a prefix or a DNS name resolved at each connection), the remote port
/// to send to, the local address to bind (null: any), whether it waits for the peer (passive), its IKE
/// SA settings as initiator (the identity's credentials and every Child SA, the first in IKE_AUTH) and one Child SA per
/// encrypt policy that names it. <see cref="Fingerprint"/> changes exactly when any of these settings
/// change, so a reload keeps the tunnels of peers whose fingerprint is unchanged. <see cref="ModeConfigClient"/>
/// is the mode-config entry (responder=no) of its identity when this side asks the peer for a virtual
/// address, DNS and split-include networks.
/// </summary>
public sealed record PeerPlan(
    string Name,
    PeerAddress Address,
    int RemotePort,
    IPAddress? LocalAddress,
    bool Passive,
    IkeSaSettings Settings,
    IReadOnlyList<ChildPlan> Children,
    string Fingerprint,
    ModeConfig? ModeConfigClient = null)
{
    /// <summary>
    /// How specifically this peer claims <paramref name="remote"/>: its prefix length when its prefix contains
    /// the address, a host's length when its DNS name last resolved to the address (<paramref name="resolved"/>,
    /// null before the name resolved), null when it does not claim the address.
    /// </summary>
    public int? MatchLength(IPAddress remote, IPAddress? resolved)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (Address.Prefix is { } prefix)
        {
            return prefix.Contains(remote) ? prefix.PrefixLength : null;
        }

        return resolved is not null && resolved.Equals(remote) ? (remote.AddressFamily == AddressFamily.InterNetwork ? 32 : 128) : null;
    }
}
