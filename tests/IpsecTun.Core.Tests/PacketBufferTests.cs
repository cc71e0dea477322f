using IpsecTun.Core;

namespace IpsecTun.Core.Tests;

public class PacketBufferTests
{
    [Fact]
    public void Prepend_and_append_move_the_bounds_without_moving_the_data()
    {
        var buffer = new PacketBuffer(256, 64);
        Assert.True(buffer.TrySet([1, 2, 3]));
        int start = buffer.Start;

        Assert.True(buffer.TryPrepend(4, out Span<byte> front));
        front.Fill(9);
        Assert.True(buffer.TryAppend(2, out Span<byte> tail));
        tail.Fill(7);

        Assert.Equal(start - 4, buffer.Start);
        Assert.Equal(new byte[] { 9, 9, 9, 9, 1, 2, 3, 7, 7 }, buffer.Data.ToArray());
        Assert.Equal(60, buffer.Headroom);
        Assert.Equal(256 - 64 - 3 - 2, buffer.Tailroom);
    }

    [Fact]
    public void Operations_beyond_the_room_fail_and_leave_the_packet_alone()
    {
        var buffer = new PacketBuffer(32, 8);
        buffer.TrySet([1, 2, 3, 4]);

        Assert.False(buffer.TryPrepend(9, out _));
        Assert.False(buffer.TryAppend(21, out _));
        Assert.False(buffer.TryTrimFront(5));
        Assert.False(buffer.TryTrimEnd(5));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, buffer.Data.ToArray());
        Assert.True(buffer.TryTrimFront(1));
        Assert.True(buffer.TryTrimEnd(1));
        Assert.Equal(new byte[] { 2, 3 }, buffer.Data.ToArray());
    }

    [Fact]
    public void Pool_hands_out_each_buffer_once_and_fails_when_empty()
    {
        var pool = new PacketBufferPool(2, 128, 32);

        Assert.True(pool.TryRent(out PacketBuffer a));
        Assert.True(pool.TryRent(out PacketBuffer b));
        Assert.NotSame(a, b);
        Assert.False(pool.TryRent(out _));

        a.TrySet([1]);
        a.TryPrepend(3, out _);
        pool.Return(a);
        Assert.True(pool.TryRent(out PacketBuffer again));
        Assert.Same(a, again);
        Assert.Equal(32, again.Headroom);
        Assert.Equal(0, again.Length);
    }

    [Fact]
    public void Returning_more_buffers_than_the_pool_holds_throws()
    {
        var pool = new PacketBufferPool(1, 64, 0);

        Assert.Throws<InvalidOperationException>(() => pool.Return(new PacketBuffer(64, 0)));
    }
}
