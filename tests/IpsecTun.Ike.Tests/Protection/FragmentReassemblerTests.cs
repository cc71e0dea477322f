using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;

namespace IpsecTun.Ike.Tests.Protection;

public class FragmentReassemblerTests
{
    private readonly ManualTime _time = new();

    private static EncryptedFragmentPayload Fragment(int number, int total) =>
        new(number == 1 ? PayloadType.Notify : PayloadType.None, (ushort)number, (ushort)total, default);

    private FragmentReassembler Create(ReassemblyLimits? limits = null) => new(limits ?? ReassemblyLimits.Default, _time);

    [Fact]
    public void Out_of_order_fragments_reassemble_in_order()
    {
        FragmentReassembler reassembler = Create();
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(7, Fragment(3, 3), [5, 6], out _));
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(7, Fragment(1, 3), [1, 2], out _));
        Assert.Equal(ReassemblyStatus.Complete, reassembler.Add(7, Fragment(2, 3), [3, 4], out ReassembledMessage? message));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, message!.Payloads.ToArray());
        Assert.Equal((7u, PayloadType.Notify), (message.MessageId, message.FirstPayload));
        Assert.False(reassembler.IsCollecting);
    }

    [Fact]
    public void Duplicates_are_ignored()
    {
        FragmentReassembler reassembler = Create();
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(1, Fragment(1, 2), [1], out _));
        Assert.Equal(ReassemblyStatus.Duplicate, reassembler.Add(1, Fragment(1, 2), [9], out _));
        Assert.Equal(ReassemblyStatus.Complete, reassembler.Add(1, Fragment(2, 2), [2], out ReassembledMessage? message));
        Assert.Equal(new byte[] { 1, 2 }, message!.Payloads.ToArray());
    }

    [Fact]
    public void More_fragments_than_the_limit_are_refused()
    {
        FragmentReassembler reassembler = Create(new ReassemblyLimits(MaxFragments: 4));
        Assert.Equal(ReassemblyStatus.Rejected, reassembler.Add(1, Fragment(1, 5), [1], out _));
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(1, Fragment(1, 4), [1], out _));
    }

    [Fact]
    public void More_bytes_than_the_limit_discard_the_message()
    {
        FragmentReassembler reassembler = Create(new ReassemblyLimits(MaxTotalSize: 10));
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(1, Fragment(1, 3), new byte[6], out _));
        Assert.Equal(ReassemblyStatus.Rejected, reassembler.Add(1, Fragment(2, 3), new byte[6], out _));
        Assert.False(reassembler.IsCollecting);
        Assert.Equal(ReassemblyStatus.Rejected, reassembler.Add(1, Fragment(1, 3), new byte[11], out _));
    }

    [Fact]
    public void An_incomplete_message_expires()
    {
        FragmentReassembler reassembler = Create(new ReassemblyLimits(Timeout: TimeSpan.FromSeconds(5)));
        reassembler.Add(1, Fragment(1, 2), [1], out _);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(reassembler.DiscardExpired());
        _time.Advance(TimeSpan.FromSeconds(2));

        // Fragment 2 alone no longer completes the message: fragment 1 aged out.
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(1, Fragment(2, 2), [2], out _));
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(reassembler.DiscardExpired());
        Assert.False(reassembler.IsCollecting);
    }

    [Fact]
    public void A_smaller_refragmentation_supersedes_and_a_larger_one_is_stale()
    {
        FragmentReassembler reassembler = Create();
        reassembler.Add(1, Fragment(1, 2), [1], out _);
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(1, Fragment(1, 3), [1], out _));
        Assert.Equal(ReassemblyStatus.Rejected, reassembler.Add(1, Fragment(2, 2), [2], out _));
        reassembler.Add(1, Fragment(2, 3), [2], out _);
        Assert.Equal(ReassemblyStatus.Complete, reassembler.Add(1, Fragment(3, 3), [3], out ReassembledMessage? message));
        Assert.Equal(new byte[] { 1, 2, 3 }, message!.Payloads.ToArray());
    }

    [Fact]
    public void A_fragment_of_another_message_starts_over()
    {
        FragmentReassembler reassembler = Create();
        reassembler.Add(1, Fragment(1, 2), [1], out _);
        Assert.Equal(ReassemblyStatus.Incomplete, reassembler.Add(2, Fragment(2, 2), [2], out _));
        Assert.Equal(ReassemblyStatus.Complete, reassembler.Add(2, Fragment(1, 2), [1], out ReassembledMessage? message));
        Assert.Equal(2u, message!.MessageId);
    }
}
