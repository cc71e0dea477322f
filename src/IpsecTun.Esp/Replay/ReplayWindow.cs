using System.Numerics;

namespace IpsecTun.Esp;

/// <summary>
/// The anti-replay window of RFC 4303 §3.4.3 as a ring of 64-bit words (RFC 6479): advancing the window
/// clears whole words instead of shifting bits. <see cref="TryCheck"/> runs before decryption and changes
/// nothing; <see cref="TryAccept"/> runs after authentication and records the number, checking again under
/// the lock because another worker may have accepted the same number in between. With extended sequence
/// numbers the high 32 bits are inferred as RFC 4303 Appendix A2 describes.
/// </summary>
public sealed class ReplayWindow
{
    private const int BitsPerWord = 64;

    private readonly ulong[] _bitmap;
    private readonly ulong _indexMask;
    private readonly bool _extended;
    private readonly Lock _lock = new();
    private ulong _top;

    /// <param name="size">Packets the window spans; at least 64. Rounded up so the ring has a power-of-two word count and one spare word.</param>
    /// <param name="extendedSequenceNumbers">True when the SA uses 64-bit sequence numbers.</param>
    public ReplayWindow(int size, bool extendedSequenceNumbers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, BitsPerWord);
        int words = (int)BitOperations.RoundUpToPowerOf2((uint)((size + BitsPerWord - 1) / BitsPerWord + 1));
        _bitmap = new ulong[words];
        _indexMask = (ulong)words * BitsPerWord - 1;
        Size = size;
        _extended = extendedSequenceNumbers;
    }

    /// <summary>The window size in packets: numbers up to this far below the highest accepted one are still accepted once.</summary>
    public int Size { get; }

    /// <summary>The highest sequence number accepted so far (0 before the first).</summary>
    public ulong Highest => Volatile.Read(ref _top);

    /// <summary>
    /// Reconstructs the full sequence number from the 32 bits on the wire and tells whether it is new and
    /// inside the window.
    /// </summary>
    public bool TryCheck(uint low, out ulong sequence)
    {
        ulong top = Volatile.Read(ref _top);
        if (!TryInfer(top, low, out sequence))
        {
            return false;
        }

        return IsNew(top, sequence);
    }

    /// <summary>Records an authenticated sequence number; false when it was accepted meanwhile or fell out of the window.</summary>
    public bool TryAccept(ulong sequence)
    {
        lock (_lock)
        {
            ulong top = _top;
            if (!IsNew(top, sequence))
            {
                return false;
            }

            if (sequence > top)
            {
                Advance(top, sequence);
                Volatile.Write(ref _top, sequence);
            }

            ulong bit = sequence & _indexMask;
            _bitmap[bit / BitsPerWord] |= 1UL << (int)(bit % BitsPerWord);
            return true;
        }
    }

    private bool IsNew(ulong top, ulong sequence)
    {
        if (sequence == 0)
        {
            return false;
        }

        if (sequence > top)
        {
            return true;
        }

        if (top - sequence >= (ulong)Size)
        {
            return false;
        }

        ulong bit = sequence & _indexMask;
        return (Volatile.Read(ref _bitmap[bit / BitsPerWord]) & (1UL << (int)(bit % BitsPerWord))) == 0;
    }

    /// <summary>Clears the words that the window slides over, at most the whole ring.</summary>
    private void Advance(ulong top, ulong sequence)
    {
        ulong topWord = top / BitsPerWord;
        ulong newWord = sequence / BitsPerWord;
        ulong clear = Math.Min(newWord - topWord, (ulong)_bitmap.Length);
        ulong wordMask = (ulong)_bitmap.Length - 1;
        for (ulong i = 1; i <= clear; i++)
        {
            _bitmap[(topWord + i) & wordMask] = 0;
        }
    }

    private bool TryInfer(ulong top, uint low, out ulong sequence)
    {
        if (!_extended)
        {
            sequence = low;
            return true;
        }

        // RFC 4303 Appendix A2.2: Tl and Th are the halves of the top, W the window size. Before the
        // first wrap there is no lower subspace, so a number above the window's bottom is ahead of it.
        uint tl = (uint)top;
        uint th = (uint)(top >> 32);
        uint w = (uint)Size;
        uint bottom = unchecked(tl - w + 1);
        uint high;
        if (tl >= w - 1)
        {
            high = low >= bottom ? th : th + 1;
            if (low < bottom && th == uint.MaxValue)
            {
                sequence = 0;
                return false;
            }
        }
        else if (low >= bottom && th > 0)
        {
            high = th - 1;
        }
        else
        {
            high = th;
        }

        sequence = ((ulong)high << 32) | low;
        return true;
    }
}
