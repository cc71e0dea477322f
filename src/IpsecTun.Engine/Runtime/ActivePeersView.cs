using System.Globalization;
using IpsecTun.Engine.Control;
using IpsecTun.Esp;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The rows of the active-peers menu, one per IKE SA, with the manual's properties. Flags: R for a
/// responder SA, N when NAT traversal is in use.
/// </summary>
internal static class ActivePeersView
{
    public static ViewRow Row(IkeSaEntry entry, ChildSaHost childSas, TimeProvider time)
    {
        IkeSa sa = entry.Sa;
        long rxBytes = 0, rxPackets = 0, txBytes = 0, txPackets = 0;
        foreach (ChildSaReference reference in sa.ChildSas)
        {
            if (childSas.Find(SaDirection.Inbound, reference.InboundSpi) is { } child)
            {
                rxBytes += child.Inbound.CurrentBytes;
                rxPackets += child.Inbound.Packets;
                txBytes += child.Outbound.CurrentBytes;
                txPackets += child.Outbound.Packets;
            }
        }

        string flags = (sa.IsInitiator ? "" : "R") + (sa.UsesUdpEncapsulation ? "N" : "");
        return new ViewRow(flags,
        [
            new("peer", entry.Peer?.Name ?? ""),
            new("state", State(sa.State)),
            new("side", sa.IsInitiator ? "initiator" : "responder"),
            new("uptime", entry.EstablishedAt is { } up ? Duration.Format(time.GetUtcNow() - up) : ""),
            new("last-seen", Duration.Format(time.GetElapsedTime(entry.LastSeen))),
            new("local-address", sa.Local.Address.ToString()),
            new("remote-address", sa.Remote.Address.ToString()),
            new("natt-peer", sa.UsesUdpEncapsulation ? "yes" : "no"),
            new("ph2-total", Number(sa.ChildSas.Count)),
            new("rx-bytes", Number(rxBytes)),
            new("tx-bytes", Number(txBytes)),
            new("rx-packets", Number(rxPackets)),
            new("tx-packets", Number(txPackets)),
            new("dynamic-address", sa.ModeConfig is { } modeConfig ? string.Join(",", modeConfig.Addresses) : ""),
        ]);
    }

    private static string State(IkeSaState state) => state switch
    {
        IkeSaState.Created => "starting",
        IkeSaState.InitSent => "sa-init-sent",
        IkeSaState.Authenticating => "authenticating",
        IkeSaState.Established => "established",
        IkeSaState.Deleting => "deleting",
        _ => "closed",
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
