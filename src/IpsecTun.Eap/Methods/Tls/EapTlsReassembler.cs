namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// Joins incoming EAP-TLS fragments (RFC 5216 §2.1.5, §3.1) strictly: a fragmented message must announce its
/// length with the L flag in its first fragment, later L fields must repeat it, the data may neither exceed
/// nor fall short of it, and no message may exceed <see cref="MaxMessageLength"/>.
/// </summary>
internal sealed class EapTlsReassembler
{
    /// <summary>Larger than any handshake flight with a certificate chain we accept, small enough to bound memory.</summary>
    public const int MaxMessageLength = 64 * 1024;

    private readonly List<byte> _buffer = [];
    private uint? _expectedLength;
    private bool _inProgress;

    /// <summary>The reassembled message after <see cref="EapTlsReassemblyStatus.Complete"/>.</summary>
    public byte[] Message { get; private set; } = [];

    public EapTlsReassemblyStatus Add(EapTlsFragment fragment)
    {
        if (!_inProgress)
        {
            if ((fragment.HasMore && fragment.MessageLength is null) || fragment.MessageLength > MaxMessageLength)
            {
                return Invalid();
            }

            _expectedLength = fragment.MessageLength;
            _buffer.Clear();
            _inProgress = true;
        }
        else if (fragment.MessageLength is not null && fragment.MessageLength != _expectedLength)
        {
            return Invalid();
        }

        _buffer.AddRange(fragment.Data);
        if (_buffer.Count > (_expectedLength ?? MaxMessageLength))
        {
            return Invalid();
        }

        if (fragment.HasMore)
        {
            return EapTlsReassemblyStatus.Incomplete;
        }

        if (_expectedLength is uint expected && _buffer.Count != expected)
        {
            return Invalid();
        }

        Message = [.. _buffer];
        _buffer.Clear();
        _inProgress = false;
        return EapTlsReassemblyStatus.Complete;
    }

    private EapTlsReassemblyStatus Invalid()
    {
        _buffer.Clear();
        _inProgress = false;
        return EapTlsReassemblyStatus.Invalid;
    }
}
