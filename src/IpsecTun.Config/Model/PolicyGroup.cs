namespace IpsecTun.Config;

/// <summary>An <c>/ip ipsec policy group</c> entry: a named set of policy templates.</summary>
public sealed record PolicyGroup(string Name, string? Comment)
{
    public const string DefaultName = "default";
}
