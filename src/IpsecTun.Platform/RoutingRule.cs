using System.Net.Sockets;

namespace IpsecTun.Platform;

/// <summary>
/// A policy routing rule: packets of <see cref="Family"/> that do not carry <see cref="UnlessMark"/> look up
/// <see cref="Table"/>, at <see cref="Priority"/> in the system's rule list ("ip rule add not fwmark M
/// lookup T pref P").
/// </summary>
public sealed record RoutingRule(AddressFamily Family, int Table, int Priority, uint UnlessMark)
{
    /// <summary>Throws unless the family is IPv4 or IPv6 and the table, priority and mark are usable.</summary>
    public void Validate()
    {
        if (Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("A routing rule is for IPv4 or IPv6.", nameof(Family));
        }

        // 0 is unspecified, 253-255 are the default, main and local tables.
        if (Table is <= 0 or (>= 253 and <= 255))
        {
            throw new ArgumentOutOfRangeException(nameof(Table), Table, "A rule needs a table of its own.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Priority);
        ArgumentOutOfRangeException.ThrowIfZero(UnlessMark);
    }

    public override string ToString() =>
        $"{(Family == AddressFamily.InterNetworkV6 ? "IPv6 " : "")}rule not fwmark 0x{UnlessMark:x} lookup {Table} pref {Priority}";
}
