using System.Net.Sockets;

namespace IpsecTun.Platform;

/// <summary>
/// How the endpoint routes a peer's own address into the adapter (transport mode) while its IKE, ESP and AH
/// packets to that address keep their real path: the adapter's routes for peers sit in table
/// <see cref="Table"/>, which only packets this host sends consult, and the endpoint's own sockets carry
/// <see cref="Mark"/> (SO_MARK), which skips that table. Per address family, from
/// <see cref="Priority"/> on: marked packets jump past the table's rule, packets sent by this host look it up,
/// and a rule that does nothing is the jump's target. A lookup that misses the table, and every forwarded
/// packet, goes on to the main table as before. Linux only.
/// </summary>
public static class PolicyRouting
{
    public const uint Mark = 0x4500;

    public const int Table = 4500;

    /// <summary>Before the main table's rule (32766) and the rules `ip rule add` numbers down from it, after the local table's (0).</summary>
    public const int Priority = 4500;

    /// <summary>The rules for one address family, in the order they are added (the jump's target first); they are removed in reverse.</summary>
    public static IReadOnlyList<RoutingRule> RulesFor(AddressFamily family) =>
    [
        new(family, Priority + 2),
        new(family, Priority) { Mark = Mark, GotoPriority = Priority + 2 },
        new(family, Priority + 1) { InputInterface = "lo", Table = Table },
    ];
}
