using IpsecTun.Platform.Windows;

namespace IpsecTun.Platform;

/// <summary>
/// The implementations for the system this process runs on, so that the engine names no platform:
/// Linux (TUN, rtnetlink) or Windows (Wintun, IP Helper).
/// </summary>
public static class HostPlatform
{
    /// <summary>
    /// Creates the TUN adapter: on Linux <paramref name="name"/> may be a pattern such as "ipsectun%d";
    /// on Windows it is the Wintun adapter's name as is. The name given is in <see cref="ITunDevice.Name"/>.
    /// </summary>
    public static ITunDevice OpenTunDevice(string name)
    {
        if (OperatingSystem.IsLinux())
        {
            return TunDevice.Open(name);
        }

        if (OperatingSystem.IsWindows())
        {
            return WintunDevice.Create(name.Replace("%d", "", StringComparison.Ordinal));
        }

        throw Unsupported();
    }

    public static INetworkConfigurator CreateConfigurator()
    {
        if (OperatingSystem.IsLinux())
        {
            return new NetlinkNetworkConfigurator();
        }

        if (OperatingSystem.IsWindows())
        {
            return new IpHelperNetworkConfigurator();
        }

        throw Unsupported();
    }

    public static IRouteLookup CreateRouteLookup()
    {
        if (OperatingSystem.IsLinux())
        {
            return new NetlinkRouteLookup();
        }

        if (OperatingSystem.IsWindows())
        {
            return new IpHelperRouteLookup();
        }

        throw Unsupported();
    }

    private static PlatformNotSupportedException Unsupported() =>
        new("ipsectun's datapath runs on Linux and Windows.");
}
