using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The Child SA host of a mode-config client's IKE SA: before each Child SA goes in, <see cref="BeforeInstall"/>
/// applies the result that arrived in the same IKE_AUTH response (IKE reads CFG_REPLY before it installs), so
/// the SA finds the policies made for the virtual address. Everything else goes to the endpoint's host.
/// </summary>
internal sealed class InstallingChildSaHost(ChildSaHost inner) : IChildSaHost
{
    public Action? BeforeInstall { get; set; }

    public uint AllocateSpi(ProtocolId protocol) => inner.AllocateSpi(protocol);

    public void Install(ChildSaInstallation childSa)
    {
        BeforeInstall?.Invoke();
        inner.Install(childSa);
    }

    public void Delete(ProtocolId protocol, uint inboundSpi) => inner.Delete(protocol, inboundSpi);
}
