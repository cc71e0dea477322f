using System.Net.Sockets;

namespace IpsecTun.Platform.State;

/// <summary>A <see cref="RoutingRule"/> in the state file's text form.</summary>
public sealed record RuleRecord(AddressFamily Family, int Priority, int Table, int GotoPriority, uint Mark, string? InputInterface)
{
    public static RuleRecord From(RoutingRule rule) =>
        new(rule.Family, rule.Priority, rule.Table, rule.GotoPriority, rule.Mark, rule.InputInterface);

    public RoutingRule ToRule() =>
        new(Family, Priority) { Table = Table, GotoPriority = GotoPriority, Mark = Mark, InputInterface = InputInterface };
}
