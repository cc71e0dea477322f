namespace IpsecTun.Eap.Packets;

/// <summary>The EAP packet codes of RFC 3748 §4; the RFC 6696 re-authentication codes are not accepted.</summary>
public enum EapCode : byte
{
    Request = 1,
    Response = 2,
    Success = 3,
    Failure = 4,
}
