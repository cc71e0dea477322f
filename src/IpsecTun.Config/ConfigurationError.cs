namespace IpsecTun.Config;

/// <summary>
/// One problem in a configuration: where the value came from (the file, an environment variable or a
/// <c>--set</c>), the entry (menu with index and name), the property, and what is wrong and allowed.
/// </summary>
public sealed record ConfigurationError(string Source, string Entry, string? Property, string Message)
{
    public override string ToString() =>
        Property is null ? $"{Source}: {Entry}: {Message}" : $"{Source}: {Entry}: {Property}: {Message}";
}
