using System.Buffers.Binary;

namespace IpsecTun.Esp;

/// <summary>
/// Incremental update of an Internet checksum (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')). A rewrite
/// accumulates every changed 16-bit word into one delta and applies it once per checksum field; the
/// words are read big-endian on both sides, so the sum is the same as the one over the wire bytes.
/// </summary>
internal static class IncrementalChecksum
{
    public static uint AddWord(uint delta, ushort old, ushort updated) => delta + (ushort)~old + updated;

    public static uint AddAddress(uint delta, uint old, uint updated) =>
        AddWord(AddWord(delta, (ushort)(old >> 16), (ushort)(updated >> 16)), (ushort)old, (ushort)updated);

    public static ushort Apply(ushort checksum, uint delta)
    {
        ulong sum = (ushort)~checksum + (ulong)delta;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>Updates the big-endian checksum stored at the start of <paramref name="field"/>; returns the old and new values.</summary>
    public static (ushort Old, ushort New) Apply(Span<byte> field, uint delta)
    {
        ushort old = BinaryPrimitives.ReadUInt16BigEndian(field);
        ushort updated = Apply(old, delta);
        BinaryPrimitives.WriteUInt16BigEndian(field, updated);
        return (old, updated);
    }

    /// <summary>As <see cref="Apply(Span{byte}, uint)"/> for UDP over IPv4: zero means "no checksum" and stays zero; a computed zero is sent as all ones (RFC 768).</summary>
    public static (ushort Old, ushort New) ApplyUdp(Span<byte> field, uint delta)
    {
        ushort old = BinaryPrimitives.ReadUInt16BigEndian(field);
        if (old == 0)
        {
            return (0, 0);
        }

        ushort updated = Apply(old, delta);
        if (updated == 0)
        {
            updated = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(field, updated);
        return (old, updated);
    }
}
