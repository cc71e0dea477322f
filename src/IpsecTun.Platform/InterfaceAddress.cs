using System.Net;

namespace IpsecTun.Platform;

/// <summary>An address with its prefix length on one interface.</summary>
public sealed record InterfaceAddress(int InterfaceIndex, IPAddress Address, int PrefixLength)
{
    public override string ToString() => $"address {Address}/{PrefixLength} on interface {InterfaceIndex}";
}
