namespace IpsecTun.Platform.Windows;

/// <summary>The limits wintun.h sets for a session's ring and its packets, checked before the driver sees them.</summary>
internal static class WintunRing
{
    /// <summary>WINTUN_MIN_RING_CAPACITY: 128 KiB.</summary>
    public const int MinCapacity = 0x20000;

    /// <summary>WINTUN_MAX_RING_CAPACITY: 64 MiB.</summary>
    public const int MaxCapacity = 0x4000000;

    /// <summary>WINTUN_MAX_IP_PACKET_SIZE: the largest packet a ring holds.</summary>
    public const int MaxIpPacketSize = 0xFFFF;

    /// <summary>4 MiB: room for a few thousand full-size packets between reads.</summary>
    public const int DefaultCapacity = 0x400000;

    /// <summary>A capacity is a power of two from 128 KiB to 64 MiB.</summary>
    public static bool IsValidCapacity(int capacity) =>
        capacity is >= MinCapacity and <= MaxCapacity
        && (capacity & (capacity - 1)) == 0;

    /// <summary>The version WintunGetRunningDriverVersion reports, major in the high 16 bits.</summary>
    public static Version DriverVersion(uint packed) => new((int)(packed >> 16), (int)(packed & 0xFFFF));
}
