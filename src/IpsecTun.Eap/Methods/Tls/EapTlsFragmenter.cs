namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// Splits an outgoing TLS flight into EAP-TLS fragments (RFC 5216 §2.1.5): the first carries the L flag with
/// the total length, every fragment but the last the M flag. The other side acknowledges each fragment with
/// an empty one, which <see cref="Acknowledgement"/> builds.
/// </summary>
internal static class EapTlsFragmenter
{
    public static List<byte[]> Split(ReadOnlySpan<byte> message, int maxFragmentData, byte version, EapTlsFlags extraFirstFlags = EapTlsFlags.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFragmentData, 1);
        var fragments = new List<byte[]>();
        int offset = 0;
        do
        {
            int length = Math.Min(maxFragmentData, message.Length - offset);
            bool more = offset + length < message.Length;
            var flags = (more ? EapTlsFlags.MoreFragments : EapTlsFlags.None) | (offset == 0 ? extraFirstFlags : EapTlsFlags.None);
            fragments.Add(EapTlsFragment.Encode(flags, version, offset == 0 ? (uint)message.Length : null, message.Slice(offset, length)));
            offset += length;
        }
        while (offset < message.Length);

        return fragments;
    }

    public static byte[] Acknowledgement(byte version) => EapTlsFragment.Encode(EapTlsFlags.None, version, null, []);
}
