namespace IpsecTun.Esp;

/// <summary>A policy's ipsec-protocols, and the protocol of an SA.</summary>
[Flags]
public enum IpsecProtocols
{
    None = 0,
    Esp = 1,
    Ah = 2,
}
