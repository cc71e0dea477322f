namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// The Flags octet of EAP-TLS (RFC 5216 §3.1), shared by EAP-TTLS and PEAP, whose low three bits carry the
/// method's version.
/// </summary>
[Flags]
internal enum EapTlsFlags : byte
{
    None = 0,
    Start = 0x20,
    MoreFragments = 0x40,
    LengthIncluded = 0x80,
}
