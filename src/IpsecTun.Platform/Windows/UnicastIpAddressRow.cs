using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>MIB_UNICASTIPADDRESS_ROW (netioapi.h), 80 bytes on x64. Enumerations are 4-byte integers, BOOLEAN one byte.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct UnicastIpAddressRow
{
    /// <summary>IpDadStatePreferred: the address is usable at once, without duplicate address detection.</summary>
    public const int DadStatePreferred = 4;

    public SocketAddressInet Address;
    public NetLuid InterfaceLuid;
    public uint InterfaceIndex;
    public int PrefixOrigin;
    public int SuffixOrigin;
    public uint ValidLifetime;
    public uint PreferredLifetime;
    public byte OnLinkPrefixLength;
    public byte SkipAsSource;
    public int DadState;
    public uint ScopeId;
    public long CreationTimeStamp;
}
