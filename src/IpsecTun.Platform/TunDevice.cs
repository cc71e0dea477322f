using System.Runtime.Versioning;

namespace IpsecTun.Platform;

/// <summary>
/// The system's TUN adapter. Each platform supplies its own part of this class; the device exists from
/// <see cref="Open"/> until <see cref="Dispose"/>, which also removes it from the system.
/// Stop the reader with <see cref="StopReading"/> and let it return before disposing.
/// </summary>
public sealed partial class TunDevice : ITunDevice
{
    /// <summary>
    /// Creates an adapter. <paramref name="name"/> is the requested name; a pattern such as "ipsectun%d"
    /// lets the system pick a free number. The name the system chose is in <see cref="Name"/>.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static TunDevice Open(string name) => OpenLinux(name);

    public string Name { get; private init; } = "";

    public int InterfaceIndex { get; private init; }

    public long WriteErrors => Interlocked.Read(ref _writeErrors);

    public long OversizedReads => Interlocked.Read(ref _oversizedReads);

    private long _writeErrors;
    private long _oversizedReads;
}
