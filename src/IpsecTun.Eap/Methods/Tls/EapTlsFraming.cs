namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// The fragmentation dialogue of EAP-TLS and the methods built on its framing (RFC 5216 §2.1.5), the same at
/// peer and server: an outgoing message longer than the fragment size goes one fragment per round trip,
/// each taken further only by an empty acknowledgement; an incoming fragmented message is acknowledged
/// fragment by fragment and handed on when whole.
/// </summary>
internal sealed class EapTlsFraming(int maxFragmentData)
{
    private readonly EapTlsReassembler _reassembler = new();
    private List<byte[]> _outgoing = [];
    private int _nextOutgoing;

    /// <summary>The method version carried in the low bits of every flags octet we send.</summary>
    public byte Version { get; set; }

    public static bool IsAcknowledgement(EapTlsFragment fragment) =>
        fragment.Data.IsEmpty && fragment.Flags == EapTlsFlags.None;

    public EapTlsReceipt Receive(ReadOnlySpan<byte> typeData, out byte[] result)
    {
        result = [];
        if (!EapTlsFragment.TryParse(typeData, out var fragment))
        {
            return EapTlsReceipt.Invalid;
        }

        if (_nextOutgoing < _outgoing.Count)
        {
            if (!IsAcknowledgement(fragment))
            {
                return EapTlsReceipt.Invalid;
            }

            result = _outgoing[_nextOutgoing++];
            return EapTlsReceipt.Reply;
        }

        switch (_reassembler.Add(fragment))
        {
            case EapTlsReassemblyStatus.Incomplete:
                result = Acknowledgement();
                return EapTlsReceipt.Reply;
            case EapTlsReassemblyStatus.Complete:
                result = _reassembler.Message;
                return EapTlsReceipt.Message;
            default:
                return EapTlsReceipt.Invalid;
        }
    }

    /// <summary>The first fragment of <paramref name="message"/>, or an acknowledgement when it is empty.</summary>
    public byte[] Send(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
        {
            return Acknowledgement();
        }

        _outgoing = EapTlsFragmenter.Split(message, maxFragmentData, Version);
        _nextOutgoing = 1;
        return _outgoing[0];
    }

    public byte[] Start() => EapTlsFragment.Encode(EapTlsFlags.Start, Version, null, []);

    public byte[] Acknowledgement() => EapTlsFragmenter.Acknowledgement(Version);
}
