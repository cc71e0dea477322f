namespace IpsecTun.Platform;

/// <summary>
/// How the endpoint routes a peer's own address into the adapter (transport mode) while its IKE, ESP and AH
/// packets to that address keep their real path: the endpoint's own sockets carry <see cref="Mark"/>
/// (SO_MARK), the adapter's routes for peers sit in table <see cref="Table"/>, and one rule per address
/// family, "not fwmark <see cref="Mark"/> lookup <see cref="Table"/>" at <see cref="Priority"/>, sends every
/// other packet through that table before the main one. A lookup that misses the table falls through to
/// the main table, so nothing else on the host changes. Linux only.
/// </summary>
public static class PolicyRouting
{
    public const uint Mark = 0x4500;

    public const int Table = 4500;

    /// <summary>Before the main table's rule (32766), after the local table's (0).</summary>
    public const int Priority = 4500;

    /// <summary>The rule for one address family (the <see cref="RouteEntry.Destination"/> family of its routes).</summary>
    public static RoutingRule RuleFor(System.Net.Sockets.AddressFamily family) => new(family, Table, Priority, Mark);
}
