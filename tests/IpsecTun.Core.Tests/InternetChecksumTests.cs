using IpsecTun.Core;

namespace IpsecTun.Core.Tests;

public class InternetChecksumTests
{
    [Fact]
    public void Rfc1071_example_sums_to_ddf2()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 have the one's complement sum ddf2.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];

        Assert.Equal(0xddf2, InternetChecksum.Fold(InternetChecksum.Add(0, data)));
        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Known_ipv4_header_checksum_is_reproduced()
    {
        // A captured header (Wikipedia's IPv4 checksum example): the checksum field holds b861.
        byte[] header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");

        Assert.Equal(0xb861, InternetChecksum.Compute(header));
    }

    [Fact]
    public void Odd_lengths_pad_with_a_zero_byte()
    {
        byte[] odd = [0x12, 0x34, 0x56];
        byte[] padded = [0x12, 0x34, 0x56, 0x00];

        Assert.Equal(InternetChecksum.Compute(padded), InternetChecksum.Compute(odd));
    }

    [Fact]
    public void Sum_over_parts_equals_sum_over_the_whole()
    {
        byte[] data = new byte[1001];
        new Random(7).NextBytes(data);

        ulong parts = InternetChecksum.Add(InternetChecksum.Add(InternetChecksum.Add(0, data.AsSpan(0, 12)), data.AsSpan(12, 500)), data.AsSpan(512));

        Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Finish(parts));
        Assert.Equal(NaiveChecksum(data), InternetChecksum.Compute(data));
    }

    [Fact]
    public void Data_with_its_checksum_inserted_is_valid_and_a_flipped_bit_is_not()
    {
        byte[] header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");
        ushort checksum = InternetChecksum.Compute(header);
        header[10] = (byte)(checksum >> 8);
        header[11] = (byte)checksum;

        Assert.True(InternetChecksum.IsValid(header));
        header[3] ^= 0x10;
        Assert.False(InternetChecksum.IsValid(header));
    }

    private static ushort NaiveChecksum(byte[] data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0));
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
