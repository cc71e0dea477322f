using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>An in-memory SAD: hands out SPIs from a base and records what is installed and deleted.</summary>
internal sealed class FakeChildSaHost(uint spiBase) : IChildSaHost
{
    private uint _next = spiBase;

    public List<ChildSaInstallation> Installed { get; } = [];

    public List<uint> Deleted { get; } = [];

    public uint AllocateSpi(ProtocolId protocol) => _next++;

    public void Install(ChildSaInstallation childSa) => Installed.Add(childSa);

    public void Delete(ProtocolId protocol, uint inboundSpi) => Deleted.Add(inboundSpi);
}
