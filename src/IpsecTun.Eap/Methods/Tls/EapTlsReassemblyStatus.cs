namespace IpsecTun.Eap.Methods.Tls;

internal enum EapTlsReassemblyStatus
{
    /// <summary>More fragments follow; acknowledge this one.</summary>
    Incomplete,

    /// <summary>The whole TLS message is in <see cref="EapTlsReassembler.Message"/>.</summary>
    Complete,

    /// <summary>The fragments contradict each other or exceed the limit; the exchange must fail.</summary>
    Invalid,
}
