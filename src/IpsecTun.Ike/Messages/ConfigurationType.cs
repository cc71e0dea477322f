namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Configuration Payload CFG Types" (RFC 7296 §3.15).</summary>
public enum ConfigurationType : byte
{
    Request = 1,
    Reply = 2,
    Set = 3,
    Acknowledge = 4,
}
