using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// What an IKE SA needs from the datapath: inbound SPIs and the installation and removal of Child SAs
/// with their policies. Calls are synchronous so that an inbound SA exists before the message that
/// announces it leaves.
/// </summary>
public interface IChildSaHost
{
    /// <summary>A fresh inbound SPI for <paramref name="protocol"/>, unique on this host.</summary>
    uint AllocateSpi(ProtocolId protocol);

    /// <summary>Installs both directions and the policies; the host owns (and disposes) <paramref name="childSa"/>.</summary>
    void Install(ChildSaInstallation childSa);

    /// <summary>Removes the Child SA whose inbound SPI is <paramref name="inboundSpi"/>, with its policies.</summary>
    void Delete(ProtocolId protocol, uint inboundSpi);
}
