namespace IpsecTun.Platform.State;

/// <summary>A resolv.conf the endpoint replaced, and where its original waits (null: there was none, remove ours).</summary>
public sealed record ResolvConfRecord(string Path, string? Backup);
