namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Traffic Selector Types" (RFC 7296 §3.13.1, RFC 4595, RFC 9478).</summary>
public enum TrafficSelectorType : byte
{
    Ipv4AddressRange = 7,
    Ipv6AddressRange = 8,
    FibreChannelAddressRange = 9,
    SecurityLabel = 10,
}
