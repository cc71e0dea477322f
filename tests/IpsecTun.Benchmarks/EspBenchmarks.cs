using BenchmarkDotNet.Attributes;
using IpsecTun.Core;

namespace IpsecTun.Benchmarks;

/// <summary>
/// ESP tunnel mode over UDP encapsulation, per packet and per batch of 64: policy lookup, sequence number,
/// padding, encryption, ICV and headers outbound; demultiplexing, SA lookup, decryption and policy check
/// inbound. Every operation first copies the packet back into its buffer (a memcpy of Size bytes), and the
/// <see cref="BareCipher"/> baseline does the same around the cipher call alone. The minimum and median
/// are shown beside the mean: on a shared machine they are what the ratio to the baseline should be read from.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class EspBenchmarks
{
    private EspBenchmarkSubject _subject = null!;

    [Params("aes-128-gcm", "aes-256-cbc+sha256", "chacha20poly1305")]
    public string Suite { get; set; } = "";

    [Params(64, 512, 1400)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _subject = new EspBenchmarkSubject(Suite, Size);

    [Benchmark(Baseline = true)]
    public void BareCipher()
    {
        PacketBuffer buffer = _subject.Single;
        _subject.LoadInner(buffer);
        Span<byte> data = buffer.Data;
        var cipher = _subject.Cipher;
        int ivSize = cipher.Algorithm.IvSize;
        int icvSize = cipher.Algorithm.IcvSize;
        int aligned = data.Length / Math.Max(cipher.Algorithm.BlockSize, 1) * Math.Max(cipher.Algorithm.BlockSize, 1);
        Span<byte> header = stackalloc byte[8 + 16];
        cipher.Encrypt(header.Slice(8, ivSize), icvSize > 0 ? header[..8] : default, data[..(aligned - icvSize)], data[(aligned - icvSize)..aligned][..icvSize]);
    }

    [Benchmark]
    public void Encrypt() => _subject.EncryptOne();

    [Benchmark]
    public void Decrypt() => _subject.DecryptOne();

    [Benchmark(OperationsPerInvoke = EspBenchmarkSubject.Batch)]
    public void EncryptBatch()
    {
        foreach (PacketBuffer buffer in _subject.Buffers)
        {
            _subject.LoadInner(buffer);
        }

        _subject.Sender.ProcessOutbound(_subject.Buffers, _subject.OutboundResults);
    }

    [Benchmark(OperationsPerInvoke = EspBenchmarkSubject.Batch)]
    public void DecryptBatch()
    {
        foreach (PacketBuffer buffer in _subject.Buffers)
        {
            _subject.LoadWire(buffer);
        }

        _subject.Receiver.ProcessInbound(_subject.Buffers, _subject.InboundResults);
    }
}
