using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>The peer menu as configured; flag X for disabled entries, and the read-only responder (passive).</summary>
public static class PeerView
{
    public static IReadOnlyList<ViewRow> Build(IpsecConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.Peers.Select(peer => new RowBuilder()
            .Flag('X', peer.Disabled)
            .Add("comment", peer.Comment)
            .Add("name", peer.Name)
            .Add("address", peer.Address)
            .Add("local-address", peer.LocalAddress)
            .Add("port", peer.Port)
            .Add("profile", peer.Profile)
            .Add("exchange-mode", "ike2")
            .Add("passive", peer.Passive)
            .Add("send-initial-contact", peer.SendInitialContact)
            .Add("responder", peer.Passive)
            .Build())];
    }
}
