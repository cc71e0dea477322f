using System.Diagnostics;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Messages.Rules;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Tests.Fixtures;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.Fuzzing;

/// <summary>
/// A seeded random-mutation fuzz run over the strongSwan fixtures, 1,000,000 inputs: mutated datagrams
/// through parsing and <see cref="InboundMessageReader"/> (rules, SK decryption, SKF reassembly);
/// mutated plaintexts sealed under the real keys, so the inner parser and padding checks see garbage;
/// and random fragment sequences into a reassembler. Any exception fails the test with its input.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261128;
    private const int DatagramInputs = 550_000;
    private const int SealedInputs = 300_000;
    private const int ReassemblyInputs = 150_000;

    [Fact]
    public void One_million_mutated_inputs_raise_no_exception_and_hold_no_memory()
    {
        var stopwatch = Stopwatch.StartNew();
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        Suite[] suites = [new(StrongSwanCapture.CbcSha256Modp2048), new(StrongSwanCapture.Gcm16Ecp256Fragmented), new(StrongSwanCapture.EcdsaP256Gcm16)];

        int parsed = FuzzDatagrams(suites);
        int opened = FuzzSealedPlaintexts(suites);
        int completed = FuzzReassembly();

        foreach (Suite suite in suites)
        {
            suite.Dispose();
        }

        long retained = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        output.WriteLine($"{DatagramInputs + SealedInputs + ReassemblyInputs} inputs in {stopwatch.Elapsed.TotalSeconds:F1} s: " +
            $"{parsed} mutated datagrams parsed, {opened} sealed plaintexts opened, {completed} reassemblies completed, {retained / 1024} KiB retained");

        // The mutations must reach past the framing checks, or the run proves little.
        Assert.InRange(parsed, DatagramInputs / 100, DatagramInputs);
        Assert.InRange(opened, SealedInputs / 100, SealedInputs);
        Assert.True(completed > 0);
        Assert.True(retained < 16 * 1024 * 1024, $"{retained} bytes retained after the run");
    }

    private static int FuzzDatagrams(Suite[] suites)
    {
        int parsed = 0;
        var mutators = suites.Select((s, i) => new Mutator(Seed + i, s.Capture.Datagrams)).ToArray();
        var inner = new List<Payload>();
        for (int i = 0; i < DatagramInputs; i++)
        {
            int which = i % suites.Length;
            Span<byte> input = mutators[which].Next();
            try
            {
                parsed += FuzzDatagram(suites[which], input, inner) ? 1 : 0;
            }
            catch (Exception e)
            {
                throw Failure(input, e);
            }
        }

        return parsed;
    }

    private static bool FuzzDatagram(Suite suite, ReadOnlySpan<byte> input, List<Payload> inner)
    {
        if (!IkeMessage.TryParse(input, out IkeMessage? message, out _))
        {
            return false;
        }

        message.ToArray();
        suite.ReaderFor(message.Header.IsFromInitiator).Read(input, message, inner, out _);
        return true;
    }

    /// <summary>Mutates decrypted fixture plaintexts and seals them under the real keys, so they pass the ICV and reach the inner parser.</summary>
    private static int FuzzSealedPlaintexts(Suite[] suites)
    {
        int opened = 0;
        var random = new Random(Seed);
        var mutators = suites.Select((s, i) => new Mutator(Seed + 10 + i, s.Plaintexts.Select(p => p.Bytes).ToArray())).ToArray();
        var inner = new List<Payload>();
        for (int i = 0; i < SealedInputs; i++)
        {
            int which = i % suites.Length;
            Suite suite = suites[which];
            (IkeHeader header, PayloadType first, byte[] seed) = suite.Plaintexts[random.Next(suite.Plaintexts.Count)];
            Span<byte> plaintext = mutators[which].Mutate(seed);
            PayloadType firstInner = random.Next(8) == 0 ? (PayloadType)random.Next(256) : first;
            SkProtection protection = suite.For(header.IsFromInitiator);
            byte[] datagram = protection.Seal(header, PayloadType.Encrypted, firstInner, null, plaintext);
            if (!suite.Capture.IsAead && random.Next(4) == 0)
            {
                suite.CorruptCiphertextKeepingIcv(datagram, header.IsFromInitiator, random);
            }

            try
            {
                inner.Clear();
                if (IkeMessage.TryParse(datagram, out IkeMessage? message, out _) && protection.TryOpen(datagram, message, inner, out _))
                {
                    opened++;
                    ExchangeRules.Check(message, inner, out _);
                }
            }
            catch (Exception e)
            {
                throw Failure(datagram, e);
            }
        }

        return opened;
    }

    private static int FuzzReassembly()
    {
        var random = new Random(Seed + 20);
        var time = new ManualTime();
        var limits = new ReassemblyLimits(MaxFragments: 16, MaxTotalSize: 8192, Timeout: TimeSpan.FromSeconds(10));
        var reassembler = new FragmentReassembler(limits, time);
        byte[] content = new byte[1024];
        int completed = 0;
        for (int i = 0; i < ReassemblyInputs; i++)
        {
            int total = random.Next(1, 20);
            var fragment = new EncryptedFragmentPayload((PayloadType)random.Next(256), (ushort)random.Next(0, total + 2), (ushort)total, default);
            uint messageId = (uint)random.Next(3);
            int size = random.Next(content.Length);
            time.Advance(TimeSpan.FromMilliseconds(random.Next(2000)));
            if (reassembler.Add(messageId, fragment, content.AsSpan(0, size), out ReassembledMessage? message) == ReassemblyStatus.Complete)
            {
                completed++;
                Assert.InRange(message!.Payloads.Length, 0, limits.MaxTotalSize);
            }
        }

        return completed;
    }

    private static InvalidOperationException Failure(ReadOnlySpan<byte> input, Exception e) =>
        new($"Input {Convert.ToHexString(input)} raised {e.GetType().Name}", e);

    /// <summary>A capture with both directions' protections, its decrypted plaintexts and a reassembler.</summary>
    private sealed class Suite : IDisposable
    {
        private readonly SkProtection _initiator;
        private readonly SkProtection _responder;
        private readonly InboundMessageReader _fromInitiator;
        private readonly InboundMessageReader _fromResponder;

        public Suite(string name)
        {
            Capture = StrongSwanCapture.Load(name);
            IkeMessage anyFromInitiator = Capture.Parse(0);
            _initiator = Capture.ProtectionFor(anyFromInitiator);
            _responder = Capture.ProtectionFor(Capture.Parse(1));
            var plaintexts = new List<(IkeHeader Header, PayloadType First, byte[] Bytes)>();
            for (int i = 2; i < Capture.Datagrams.Count; i++)
            {
                IkeMessage message = Capture.Parse(i);
                if (message.Encrypted is not null && For(message.Header.IsFromInitiator).TryDecryptContent(Capture.Datagrams[i], message, out byte[]? plaintext))
                {
                    plaintexts.Add((message.Header, message.Encrypted.FirstInnerPayload, plaintext));
                }
            }

            Plaintexts = plaintexts;
            _fromInitiator = new InboundMessageReader(_initiator, new FragmentReassembler(ReassemblyLimits.Default, new ManualTime()));
            _fromResponder = new InboundMessageReader(_responder, new FragmentReassembler(ReassemblyLimits.Default, new ManualTime()));
        }

        public StrongSwanCapture Capture { get; }

        public List<(IkeHeader Header, PayloadType First, byte[] Bytes)> Plaintexts { get; }

        public SkProtection For(bool fromInitiator) => fromInitiator ? _initiator : _responder;

        public InboundMessageReader ReaderFor(bool fromInitiator) => fromInitiator ? _fromInitiator : _fromResponder;

        /// <summary>Changes one ciphertext byte and recomputes the HMAC, so decryption runs on garbage padding.</summary>
        public void CorruptCiphertextKeepingIcv(byte[] datagram, bool fromInitiator, Random random)
        {
            int icvSize = For(fromInitiator).IcvSize;
            int contentStart = IkeHeader.Size + PayloadHeader.Size;
            datagram[contentStart + random.Next(datagram.Length - icvSize - contentStart)] ^= (byte)(1 + random.Next(255));
            using PacketAuthenticator mac = IntegrityAlgorithms.HmacSha2_256_128.CreateAuthenticator(Capture.Keys[fromInitiator ? "Sk_ai" : "Sk_ar"]);
            mac.Append(datagram.AsSpan(0, datagram.Length - icvSize));
            mac.Finish(datagram.AsSpan(datagram.Length - icvSize));
        }

        public void Dispose()
        {
            _initiator.Dispose();
            _responder.Dispose();
        }
    }
}
