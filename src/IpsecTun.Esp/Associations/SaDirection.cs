namespace IpsecTun.Esp;

public enum SaDirection
{
    Inbound,
    Outbound,
}
