using IpsecTun.Core;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>Path MTU discovery through the tunnel: a packet too big for its SA is answered into the adapter.</summary>
public sealed partial class Endpoint
{
    /// <summary>The IKE thread's buffer for answers to held packets, made when first needed.</summary>
    private PacketBuffer? _heldReply;

    /// <summary>
    /// Writes ICMP fragmentation needed (IPv4) or packet too big (IPv6) with the SA's inner MTU into the
    /// adapter, so the sender's path MTU discovery shrinks its packets; the packet itself is dropped. The
    /// answer comes from the packet's destination: it then arrives through the adapter from an address
    /// routed into it, which reverse-path filtering accepts (an address of this host would be a martian).
    /// </summary>
    private void AnswerTooBig(PacketBuffer packet, SecurityAssociation sa, PacketBuffer reply)
    {
        ReadOnlySpan<byte> data = packet.Data;
        ReadOnlySpan<byte> destination = data[0] >> 4 == 4
            ? data.Slice(16, Ipv4Header.AddressLength)
            : data.Slice(24, Ipv6Header.AddressLength);
        Counters.CountTooBig();
        // A packet source-NATed on its way out is answered as its inside host, which made it and must shrink it.
        if (PacketTooBig.TryWrite(data, sa.InnerMtu, destination, reply) && SourceNat.TranslateInbound(reply.Data) != SourceNatVerdict.Dropped)
        {
            lock (_tunWrite)
            {
                _environment.Tun.WriteBatch(new ReadOnlySpan<PacketBuffer>(in reply));
            }
        }
    }
}
