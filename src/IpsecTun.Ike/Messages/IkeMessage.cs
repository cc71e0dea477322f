namespace IpsecTun.Ike.Messages;

/// <summary>
/// An IKE message: the header and its payload chain as carried in one UDP datagram (RFC 7296 §3).
/// A protected message ends with SK or SKF, whose content <c>Protection.SkProtection</c> opens.
/// </summary>
public sealed class IkeMessage
{
    public IkeMessage(IkeHeader header, IReadOnlyList<Payload> payloads)
    {
        Header = header;
        Payloads = payloads;
    }

    /// <summary>The header; its Next Payload and Length fields are recomputed when the message is written.</summary>
    public IkeHeader Header { get; }

    public IReadOnlyList<Payload> Payloads { get; }

    public EncryptedPayload? Encrypted => Payloads.Count > 0 ? Payloads[^1] as EncryptedPayload : null;

    public EncryptedFragmentPayload? Fragment => Payloads.Count > 0 ? Payloads[^1] as EncryptedFragmentPayload : null;

    /// <summary>
    /// Parses a datagram (without the non-ESP marker of port 4500). Never throws: a message that cannot
    /// be read yields the Notify RFC 7296 prescribes in <paramref name="error"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out IkeMessage? message, out IkeError error)
    {
        message = null;
        if (!IkeHeader.TryParse(datagram, out IkeHeader header, out int headerSize))
        {
            error = IkeError.Syntax("shorter than the IKE header");
            return false;
        }

        // The version is checked before anything else so that a future major version gets its answer (§2.5).
        if (header.MajorVersion != IkeHeader.Version2)
        {
            error = IkeError.MajorVersion;
            return false;
        }

        if (header.Length != (uint)datagram.Length)
        {
            error = IkeError.Syntax("IKE header length differs from the datagram");
            return false;
        }

        var payloads = new List<Payload>();
        if (!PayloadChain.TryParse(datagram[headerSize..], header.NextPayload, insideEncrypted: false, payloads, out error))
        {
            return false;
        }

        message = new IkeMessage(header, payloads);
        return true;
    }

    public int GetSize() => IkeHeader.Size + PayloadChain.GetSize(Payloads);

    public int WriteTo(Span<byte> destination)
    {
        int size = GetSize();
        (Header with { NextPayload = PayloadChain.FirstType(Payloads), Length = (uint)size }).WriteTo(destination);
        PayloadChain.Write(Payloads, destination[IkeHeader.Size..]);
        return size;
    }

    public byte[] ToArray()
    {
        byte[] bytes = new byte[GetSize()];
        WriteTo(bytes);
        return bytes;
    }
}
