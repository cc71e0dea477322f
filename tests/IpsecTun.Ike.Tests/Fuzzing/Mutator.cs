using System.Buffers.Binary;

namespace IpsecTun.Ike.Tests.Fuzzing;

/// <summary>
/// Seeded structure-blind mutations in the style of coverage fuzzers: bit flips, interesting bytes and
/// 16/32-bit lengths, truncation, extension, block duplication and splicing between seeds.
/// </summary>
internal sealed class Mutator
{
    public const int MaxSize = 4096;

    private static readonly int[] InterestingLengths = [0, 1, 2, 3, 4, 5, 7, 8, 16, 28, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff];
    private static readonly byte[] InterestingBytes = [0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 33, 41, 46, 53, 7, 8, 12];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly byte[] _buffer = new byte[MaxSize];

    public Mutator(int seed, IReadOnlyList<byte[]> seeds)
    {
        _random = new Random(seed);
        _seeds = seeds;
    }

    public Random Random => _random;

    /// <summary>A mutated copy of a random seed; valid until the next call.</summary>
    public Span<byte> Next() => Mutate(_seeds[_random.Next(_seeds.Count)]);

    public Span<byte> Mutate(ReadOnlySpan<byte> seed)
    {
        int length = Math.Min(seed.Length, MaxSize);
        seed[..length].CopyTo(_buffer);
        int rounds = 1 + _random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            length = MutateOnce(length);
        }

        return _buffer.AsSpan(0, length);
    }

    private int MutateOnce(int length)
    {
        int at = length == 0 ? 0 : _random.Next(length);
        switch (_random.Next(9))
        {
            case 0 when length > 0:
                _buffer[at] ^= (byte)(1 << _random.Next(8));
                return length;
            case 1 when length > 0:
                _buffer[at] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                return length;
            case 2 when at + 2 <= length:
                int value = InterestingLengths[_random.Next(InterestingLengths.Length)] + _random.Next(-1, 2);
                BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at), (ushort)value);
                return length;
            case 3 when at + 4 <= length:
                BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(at), (uint)(length + _random.Next(-8, 9)));
                return length;
            case 4:
                return _random.Next(length + 1);
            case 5:
                int grow = Math.Min(_random.Next(1, 64), MaxSize - length);
                _random.NextBytes(_buffer.AsSpan(length, grow));
                return length + grow;
            case 6 when length > 0:
                int blockStart = _random.Next(length);
                int blockLength = Math.Min(_random.Next(1, 32), Math.Min(length - blockStart, MaxSize - length));
                _buffer.AsSpan(blockStart, length - blockStart).CopyTo(_buffer.AsSpan(blockStart + blockLength));
                return length + blockLength;
            case 7:
                byte[] other = _seeds[_random.Next(_seeds.Count)];
                int from = _random.Next(other.Length);
                int count = Math.Min(_random.Next(1, 128), Math.Min(other.Length - from, MaxSize - at));
                other.AsSpan(from, count).CopyTo(_buffer.AsSpan(at));
                return Math.Max(length, at + count);
            default:
                if (length > 0)
                {
                    _buffer[at] = (byte)_random.Next(256);
                }

                return length;
        }
    }
}
