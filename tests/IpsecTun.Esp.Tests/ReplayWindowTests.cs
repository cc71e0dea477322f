namespace IpsecTun.Esp.Tests;

public class ReplayWindowTests
{
    private static bool Receive(ReplayWindow window, ulong sequence) =>
        window.TryCheck((uint)sequence, out ulong full) && full == sequence && window.TryAccept(full);

    [Fact]
    public void Each_number_is_accepted_once_in_any_order_within_the_window()
    {
        var window = new ReplayWindow(1024, extendedSequenceNumbers: false);

        Assert.True(Receive(window, 5));
        Assert.True(Receive(window, 3));
        Assert.False(Receive(window, 5));
        Assert.False(Receive(window, 3));
        Assert.True(Receive(window, 4));
        Assert.Equal(5UL, window.Highest);
    }

    [Fact]
    public void Zero_is_never_valid()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);

        Assert.False(window.TryCheck(0, out _));
    }

    [Fact]
    public void Numbers_older_than_the_window_are_refused_and_those_at_its_edge_accepted()
    {
        var window = new ReplayWindow(1024, extendedSequenceNumbers: false);
        Assert.True(Receive(window, 5000));

        Assert.False(window.TryCheck(5000 - 1024, out _));
        Assert.True(Receive(window, 5000 - 1023));
    }

    [Fact]
    public void Sliding_far_ahead_forgets_old_bits_and_the_ring_reuses_its_words()
    {
        var window = new ReplayWindow(1024, extendedSequenceNumbers: false);
        for (ulong s = 1; s <= 20_000; s += 3)
        {
            Assert.True(Receive(window, s));
        }

        // Numbers skipped within the window are still new, received ones are not.
        Assert.True(Receive(window, 19_998));
        Assert.False(Receive(window, 19_996));
        Assert.True(Receive(window, 1_000_000));
        Assert.True(Receive(window, 1_000_000 - 64));
        Assert.False(Receive(window, 19_998 + 2));
    }

    [Fact]
    public void Window_size_is_configurable_beyond_1024()
    {
        var window = new ReplayWindow(4096, extendedSequenceNumbers: false);
        Assert.True(Receive(window, 10_000));

        Assert.True(Receive(window, 10_000 - 4095));
        Assert.False(window.TryCheck(10_000 - 4096, out _));
        Assert.Equal(4096, window.Size);
    }

    [Fact]
    public void Extended_numbers_carry_into_the_next_high_half()
    {
        var window = new ReplayWindow(1024, extendedSequenceNumbers: true);
        ulong nearWrap = 0xFFFF_FFF0;
        Assert.True(Receive(window, nearWrap));

        Assert.True(window.TryCheck(5, out ulong after));
        Assert.Equal(0x1_0000_0005UL, after);
        Assert.True(window.TryAccept(after));

        // A late packet from below the wrap still maps to the old high half.
        Assert.True(window.TryCheck(0xFFFF_FFF8, out ulong late));
        Assert.Equal(0xFFFF_FFF8UL, late);
        Assert.True(window.TryAccept(late));
        Assert.False(window.TryCheck(0xFFFF_FFF8, out _));
    }

    [Fact]
    public void Concurrent_accepts_of_the_same_numbers_succeed_once_each()
    {
        var window = new ReplayWindow(2048, extendedSequenceNumbers: false);
        int accepted = 0;
        Parallel.For(0, 8, _ =>
        {
            for (ulong s = 1; s <= 2000; s++)
            {
                if (window.TryAccept(s))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        });

        Assert.Equal(2000, accepted);
    }
}
