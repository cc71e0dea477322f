namespace IpsecTun.Core;

/// <summary>
/// Updates an Internet checksum after one 16-bit word of the data changed, without summing the data
/// again: RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'), which unlike RFC 1141's form never yields -0 for a
/// sum that is not zero.
/// </summary>
public static class IncrementalChecksum
{
    /// <param name="checksum">The checksum field as stored, read big-endian.</param>
    /// <param name="oldWord">The word as it was, read big-endian at an even offset from the start of the checksummed data.</param>
    /// <param name="newWord">The word as it is now.</param>
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord)
    {
        uint sum = (uint)(ushort)~checksum + (ushort)~oldWord + newWord;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
