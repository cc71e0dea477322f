namespace IpsecTun.Eap.Methods.Tls;

internal enum EapTlsReceipt
{
    /// <summary>Fragmentation traffic: send the reply (our next fragment, or an acknowledgement of theirs).</summary>
    Reply,

    /// <summary>A whole TLS message (empty for a bare acknowledgement) for the TLS layer.</summary>
    Message,

    /// <summary>Malformed, or fragments that contradict each other.</summary>
    Invalid,
}
