namespace IpsecTun.Engine.Control;

/// <summary>
/// One row of a menu as RouterOS prints it: flags (such as D for dynamic, A for active, X for disabled)
/// and the properties in display order under the manual's names, values already formatted
/// (durations as `1h2m3s`, booleans as yes/no).
/// </summary>
public sealed record ViewRow(string Flags, IReadOnlyList<KeyValuePair<string, string>> Properties);
