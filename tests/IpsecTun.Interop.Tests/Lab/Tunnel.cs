namespace IpsecTun.Interop.Tests.Lab;

/// <summary>Brings a tunnel between ipsectun and strongSwan up from either side.</summary>
internal static class Tunnel
{
    /// <summary>
    /// `ipsectun connect` to the peer lab-peer, or strongSwan's Child SA net initiated; fails the test with both
    /// logs when it does not come up.
    /// </summary>
    public static void BringUp(IpsecTunDaemon ipsectun, StrongSwanDaemon strongSwan, bool ipsectunInitiates)
    {
        if (ipsectunInitiates)
        {
            CommandResult connect = ipsectun.Cli("connect", "lab-peer", "--timeout", "30s");
            Assert.True(connect.ExitCode == 0, connect + ipsectun.Log + strongSwan.Log);
        }
        else
        {
            CommandResult initiate = strongSwan.Initiate("net");
            Assert.True(initiate.ExitCode == 0, initiate + ipsectun.Log);
        }
    }
}
