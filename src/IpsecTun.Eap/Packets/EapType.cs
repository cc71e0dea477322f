namespace IpsecTun.Eap.Packets;

/// <summary>EAP method types (IANA "Method Types" registry) that this implementation knows by name.</summary>
public enum EapType : byte
{
    Identity = 1,
    Notification = 2,
    Nak = 3,
    Md5Challenge = 4,
    Gtc = 6,
    Tls = 13,
    Ttls = 21,
    Peap = 25,
    MsChapV2 = 26,

    /// <summary>PEAP's Extensions type, used only inside the PEAP tunnel (MS-PEAP §2.2.8).</summary>
    PeapExtensions = 33,
    Expanded = 254,
}
