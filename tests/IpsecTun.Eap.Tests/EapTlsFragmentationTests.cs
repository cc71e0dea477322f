using IpsecTun.Eap.Methods.Tls;

namespace IpsecTun.Eap.Tests;

public class EapTlsFragmentationTests
{
    [Fact]
    public void A_flight_is_split_with_the_length_first_and_more_flags_and_joins_back()
    {
        byte[] message = [.. Enumerable.Range(0, 3000).Select(i => (byte)i)];

        var fragments = EapTlsFragmenter.Split(message, 1000, version: 0);

        Assert.Equal(3, fragments.Count);
        Assert.Equal(new byte[] { 0xC0, 0, 0, 0x0B, 0xB8 }, fragments[0][..5]);
        Assert.Equal(0x40, fragments[1][0]);
        Assert.Equal(0x00, fragments[2][0]);
        Assert.Equal([1005, 1001, 1001], fragments.Select(f => f.Length));
        var reassembler = new EapTlsReassembler();
        var statuses = fragments.Select(f => Add(reassembler, f)).ToList();
        Assert.Equal([EapTlsReassemblyStatus.Incomplete, EapTlsReassemblyStatus.Incomplete, EapTlsReassemblyStatus.Complete], statuses);
        Assert.Equal(message, reassembler.Message);
    }

    [Fact]
    public void The_start_flag_and_version_bits_are_carried()
    {
        var fragment = Assert.Single(EapTlsFragmenter.Split([], 1000, version: 1, EapTlsFlags.Start));

        Assert.True(EapTlsFragment.TryParse(fragment, out var parsed));
        Assert.Equal(EapTlsFlags.Start | EapTlsFlags.LengthIncluded, parsed.Flags);
        Assert.Equal(1, parsed.Version);
        Assert.Equal(0u, parsed.MessageLength);
        Assert.Equal(new byte[] { 0x01 }, EapTlsFragmenter.Acknowledgement(1));
    }

    [Fact]
    public void An_unfragmented_message_without_a_length_is_accepted()
    {
        var reassembler = new EapTlsReassembler();

        Assert.Equal(EapTlsReassemblyStatus.Complete, Add(reassembler, [0x00, 1, 2, 3]));
        Assert.Equal(new byte[] { 1, 2, 3 }, reassembler.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 1, 2 })] // more fragments without a length in the first
    [InlineData(new byte[] { 0x80, 0, 0, 0, 2, 1, 2, 3 })] // more data than announced
    [InlineData(new byte[] { 0x80, 0, 0, 0, 4, 1, 2, 3 })] // less data than announced
    [InlineData(new byte[] { 0xC0, 0, 1, 0, 1, 1 })] // announced beyond the limit
    public void Contradictory_single_fragments_are_invalid(byte[] typeData)
    {
        Assert.Equal(EapTlsReassemblyStatus.Invalid, Add(new EapTlsReassembler(), typeData));
    }

    [Fact]
    public void A_later_fragment_announcing_another_length_is_invalid()
    {
        var reassembler = new EapTlsReassembler();
        Assert.Equal(EapTlsReassemblyStatus.Incomplete, Add(reassembler, [0xC0, 0, 0, 0, 4, 1, 2]));

        Assert.Equal(EapTlsReassemblyStatus.Invalid, Add(reassembler, [0x80, 0, 0, 0, 5, 3, 4]));
    }

    [Fact]
    public void A_truncated_length_field_does_not_parse()
    {
        Assert.False(EapTlsFragment.TryParse([0x80, 0, 0, 1], out _));
        Assert.False(EapTlsFragment.TryParse([], out _));
    }

    private static EapTlsReassemblyStatus Add(EapTlsReassembler reassembler, byte[] typeData)
    {
        Assert.True(EapTlsFragment.TryParse(typeData, out var fragment));
        return reassembler.Add(fragment);
    }
}
