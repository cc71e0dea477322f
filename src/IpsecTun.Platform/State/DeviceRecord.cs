namespace IpsecTun.Platform.State;

/// <summary>
/// A TUN device by name and index: a device of that name is the one recorded only while its index is the
/// same (indexes are not reused soon), so a cleaner never removes a device another program made since.
/// </summary>
public sealed record DeviceRecord(string Name, int InterfaceIndex);
