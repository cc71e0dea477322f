using System.Net.Sockets;

namespace IpsecTun.Platform.State;

/// <summary>A <see cref="RoutingRule"/> in the state file's text form.</summary>
public sealed record RuleRecord(AddressFamily Family, int Table, int Priority, uint UnlessMark)
{
    public static RuleRecord From(RoutingRule rule) => new(rule.Family, rule.Table, rule.Priority, rule.UnlessMark);

    public RoutingRule ToRule() => new(Family, Table, Priority, UnlessMark);
}
