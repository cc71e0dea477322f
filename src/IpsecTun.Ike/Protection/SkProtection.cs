using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Protection;

/// <summary>
/// Seals and opens the SK payload (RFC 7296 §3.14) and SKF fragments (RFC 7383 §2.5) in one direction
/// of an IKE SA, with the SK_e/SK_a keys of that direction. With a cipher and an integrity transform the
/// ICV covers the message from the IKE header to the end of the ciphertext and is checked before
/// anything is decrypted; with an AEAD (RFC 5282) the associated data is the message up to the IV.
/// One thread at a time; disposing zeroes the keys.
/// </summary>
public sealed partial class SkProtection : IDisposable
{
    private readonly PacketCipher _cipher;
    private readonly PacketAuthenticator? _authenticator;
    private readonly RandomSource _random;
    private ulong _ivCounter;

    /// <summary>
    /// Keys one direction: <paramref name="encryptionKey"/> is SK_ei or SK_er (key then salt),
    /// <paramref name="integrityKey"/> SK_ai or SK_ar. An AEAD takes no integrity transform (RFC 5282 §8).
    /// <paramref name="random"/> supplies CBC IVs, which must be unpredictable (RFC 7296 §3.14).
    /// </summary>
    public SkProtection(EncryptionAlgorithm encryption, ReadOnlySpan<byte> encryptionKey, IntegrityAlgorithm? integrity, ReadOnlySpan<byte> integrityKey, RandomSource random)
        : this(encryption.CreateCipher(encryptionKey), integrity?.CreateAuthenticator(integrityKey), random)
    {
    }

    /// <summary>Takes ownership of keyed instances; tests use it to observe the cipher.</summary>
    internal SkProtection(PacketCipher cipher, PacketAuthenticator? authenticator, RandomSource random)
    {
        if (cipher.Algorithm.IsAead != (authenticator is null))
        {
            cipher.Dispose();
            authenticator?.Dispose();
            throw new ArgumentException("An AEAD takes no integrity transform and any other cipher needs one.");
        }

        _cipher = cipher;
        _authenticator = authenticator;
        _random = random;
        Encryption = cipher.Algorithm;
    }

    public EncryptionAlgorithm Encryption { get; }

    public int IvSize => Encryption.IvSize;

    public int IcvSize => Encryption.IsAead ? Encryption.IcvSize : _authenticator!.IcvSize;

    private int BlockSize => Math.Max(1, Encryption.BlockSize);

    /// <summary>IV, ciphertext (the plaintext padded with at least the Pad Length octet) and ICV.</summary>
    public int GetContentSize(int plaintextSize) => IvSize + PaddedSize(plaintextSize) + IcvSize;

    /// <summary>Builds a whole protected message: header, SK payload holding <paramref name="inner"/>.</summary>
    public byte[] Protect(IkeHeader header, IReadOnlyList<Payload> inner)
    {
        byte[] plaintext = new byte[PayloadChain.GetSize(inner)];
        PayloadChain.Write(inner, plaintext);
        return Seal(header, PayloadType.Encrypted, PayloadChain.FirstType(inner), fragment: null, plaintext);
    }

    /// <summary>
    /// Opens the SK payload that ends <paramref name="message"/> (parsed from <paramref name="datagram"/>)
    /// and parses the payloads inside it. An integrity failure is a silent drop; a malformed inner chain
    /// is INVALID_SYNTAX, as for an unencrypted message.
    /// </summary>
    public bool TryOpen(ReadOnlySpan<byte> datagram, IkeMessage message, List<Payload> inner, out IkeError error)
    {
        if (message.Encrypted is not EncryptedPayload sk)
        {
            error = IkeError.Syntax("no SK payload");
            return false;
        }

        if (!TryDecryptContent(datagram, message, out byte[]? plaintext))
        {
            error = IkeError.Drop("SK payload failed its integrity check or padding");
            return false;
        }

        return PayloadChain.TryParse(plaintext, sk.FirstInnerPayload, insideEncrypted: true, inner, out error);
    }

    /// <summary>
    /// Checks and decrypts the SK or SKF payload that ends <paramref name="message"/>, returning the
    /// plaintext without padding: a payload chain for SK, a piece of one for SKF.
    /// </summary>
    public bool TryDecryptContent(ReadOnlySpan<byte> datagram, IkeMessage message, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        int contentSize = message.Encrypted?.Content.Length ?? message.Fragment?.Content.Length ?? -1;
        if (contentSize < 0 || !TryDecrypt(datagram, datagram.Length - contentSize, out byte[] padded, out int length))
        {
            return false;
        }

        plaintext = padded.AsSpan(0, length).ToArray();
        return true;
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _authenticator?.Dispose();
    }

    private int PaddedSize(int plaintextSize) => (plaintextSize + 1 + BlockSize - 1) / BlockSize * BlockSize;

    /// <summary>
    /// Writes header, SK or SKF payload header (and fragment fields), then IV, encrypted padded plaintext
    /// and ICV. <paramref name="fragment"/> is (number, total) for SKF. <paramref name="fixedIv"/> replaces
    /// the generated IV only in tests that reproduce a peer's message.
    /// </summary>
    internal byte[] Seal(IkeHeader header, PayloadType payloadType, PayloadType firstInner, (ushort Number, ushort Total)? fragment, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> fixedIv = default)
    {
        int fieldsSize = fragment is null ? 0 : EncryptedFragmentPayload.FragmentFieldsSize;
        int contentOffset = IkeHeader.Size + PayloadHeader.Size + fieldsSize;
        int paddedSize = PaddedSize(plaintext.Length);
        int payloadSize = PayloadHeader.Size + fieldsSize + IvSize + paddedSize + IcvSize;
        if (payloadSize > Payload.MaxSize)
        {
            throw new InvalidOperationException($"{payloadSize} bytes do not fit one {payloadType} payload; fragment the message.");
        }

        byte[] datagram = new byte[IkeHeader.Size + payloadSize];
        (header with { NextPayload = payloadType, Length = (uint)datagram.Length }).WriteTo(datagram);
        new PayloadHeader(firstInner, false, (ushort)payloadSize).WriteTo(datagram.AsSpan(IkeHeader.Size));
        if (fragment is var (number, total))
        {
            new EncryptedFragmentPayload(firstInner, number, total, default).WriteBody(datagram.AsSpan(IkeHeader.Size + PayloadHeader.Size, fieldsSize));
        }

        Span<byte> iv = datagram.AsSpan(contentOffset, IvSize);
        Span<byte> data = datagram.AsSpan(contentOffset + IvSize, paddedSize);
        Span<byte> icv = datagram.AsSpan(contentOffset + IvSize + paddedSize, IcvSize);
        if (fixedIv.IsEmpty)
        {
            NextIv(iv);
        }
        else
        {
            fixedIv.CopyTo(iv);
        }

        plaintext.CopyTo(data);
        data[^1] = (byte)(paddedSize - plaintext.Length - 1);
        if (Encryption.IsAead)
        {
            _cipher.Encrypt(iv, datagram.AsSpan(0, contentOffset), data, icv);
        }
        else
        {
            _cipher.Encrypt(iv, [], data, []);
            _authenticator!.Append(datagram.AsSpan(0, datagram.Length - IcvSize));
            _authenticator.Finish(icv);
        }

        return datagram;
    }

    /// <summary>
    /// Checks and decrypts the content (IV, ciphertext, ICV) that starts at <paramref name="contentOffset"/>
    /// and runs to the end of <paramref name="datagram"/>; strips the padding.
    /// </summary>
    private bool TryDecrypt(ReadOnlySpan<byte> datagram, int contentOffset, out byte[] plaintext, out int length)
    {
        plaintext = [];
        length = 0;
        int ciphertextSize = datagram.Length - contentOffset - IvSize - IcvSize;
        if (contentOffset < IkeHeader.Size || ciphertextSize < 1 || ciphertextSize % BlockSize != 0)
        {
            return false;
        }

        ReadOnlySpan<byte> iv = datagram.Slice(contentOffset, IvSize);
        ReadOnlySpan<byte> icv = datagram[^IcvSize..];
        if (!Encryption.IsAead)
        {
            _authenticator!.Append(datagram[..^IcvSize]);
            if (!_authenticator.Verify(icv))
            {
                return false;
            }
        }

        plaintext = datagram.Slice(contentOffset + IvSize, ciphertextSize).ToArray();
        bool decrypted = Encryption.IsAead
            ? _cipher.TryDecrypt(iv, datagram[..contentOffset], plaintext, icv)
            : _cipher.TryDecrypt(iv, [], plaintext, []);
        int padLength = plaintext[^1];
        if (!decrypted || padLength + 1 > plaintext.Length)
        {
            return false;
        }

        length = plaintext.Length - padLength - 1;
        return true;
    }

    /// <summary>A random IV for CBC; a counter for AEAD and CTR modes, whose IVs must only never repeat under a key.</summary>
    private void NextIv(Span<byte> iv)
    {
        if (Encryption.BlockSize > 1 && !Encryption.IsAead)
        {
            _random.Fill(iv);
            return;
        }

        _ivCounter++;
        iv.Clear();
        Span<byte> counter = stackalloc byte[sizeof(ulong)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(counter, _ivCounter);
        counter[^Math.Min(iv.Length, counter.Length)..].CopyTo(iv[^Math.Min(iv.Length, counter.Length)..]);
    }
}
