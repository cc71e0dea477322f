using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// MIB_IPINTERFACE_ROW (netioapi.h), 168 bytes on x64: the per-family IP settings of an interface, read
/// with GetIpInterfaceEntry and written back with SetIpInterfaceEntry (here for NlMtu).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IpInterfaceRow
{
    public ushort Family;
    public NetLuid InterfaceLuid;
    public uint InterfaceIndex;
    public uint MaxReassemblySize;
    public ulong InterfaceIdentifier;
    public uint MinRouterAdvertisementInterval;
    public uint MaxRouterAdvertisementInterval;
    public byte AdvertisingEnabled;
    public byte ForwardingEnabled;
    public byte WeakHostSend;
    public byte WeakHostReceive;
    public byte UseAutomaticMetric;
    public byte UseNeighborUnreachabilityDetection;
    public byte ManagedAddressConfigurationSupported;
    public byte OtherStatefulConfigurationSupported;
    public byte AdvertiseDefaultRoute;
    public int RouterDiscoveryBehavior;
    public uint DadTransmits;
    public uint BaseReachableTime;
    public uint RetransmitTime;
    public uint PathMtuDiscoveryTimeout;
    public int LinkLocalAddressBehavior;
    public uint LinkLocalAddressTimeout;
    public fixed uint ZoneIndices[16];
    public uint SitePrefixLength;
    public uint Metric;
    public uint NlMtu;
    public byte Connected;
    public byte SupportsWakeUpPatterns;
    public byte SupportsNeighborDiscovery;
    public byte SupportsRouterDiscovery;
    public uint ReachableTime;
    public byte TransmitOffload;
    public byte ReceiveOffload;
    public byte DisableDefaultRoutes;
}
