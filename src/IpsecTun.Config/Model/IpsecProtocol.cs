namespace IpsecTun.Config;

/// <summary>A policy's ipsec-protocols.</summary>
public enum IpsecProtocol
{
    Esp,
    Ah,
}
