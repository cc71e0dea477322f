namespace IpsecTun.Ike.Messages;

/// <summary>IANA "IKEv2 Configuration Payload Attribute Types" (RFC 7296 §3.15.1, RFC 8598 and others).</summary>
public enum ConfigurationAttributeType : ushort
{
    InternalIp4Address = 1,
    InternalIp4Netmask = 2,
    InternalIp4Dns = 3,
    InternalIp4Nbns = 4,
    InternalIp4Dhcp = 6,
    ApplicationVersion = 7,
    InternalIp6Address = 8,
    InternalIp6Dns = 10,
    InternalIp6Dhcp = 12,
    InternalIp4Subnet = 13,
    SupportedAttributes = 14,
    InternalIp6Subnet = 15,
    Mip6HomePrefix = 16,
    InternalIp6Link = 17,
    InternalIp6Prefix = 18,
    HomeAgentAddress = 19,
    PCscfIp4Address = 20,
    PCscfIp6Address = 21,
    FttKat = 22,
    ExternalSourceIp4NatInfo = 23,
    TimeoutPeriodForLivenessCheck = 24,
    InternalDnsDomain = 25,
    InternalDnssecTrustAnchor = 26,
}
