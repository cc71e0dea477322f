namespace IpsecTun.Ike.Messages;

/// <summary>The flags octet of the IKE header (RFC 7296 §3.1). The other five bits are reserved.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711", Justification = "RFC 7296 calls these Flags.")]
public enum IkeHeaderFlags : byte
{
    None = 0,
    Response = 0x20,
    Version = 0x10,
    Initiator = 0x08,
}
