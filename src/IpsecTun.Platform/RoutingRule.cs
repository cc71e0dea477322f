using System.Net.Sockets;

namespace IpsecTun.Platform;

/// <summary>
/// A policy routing rule of <see cref="Family"/> at <see cref="Priority"/> in the system's rule list. It matches
/// packets carrying <see cref="Mark"/> (when not 0) that come in on <see cref="InputInterface"/> (when set;
/// "lo" means sent by this host), and then looks up <see cref="Table"/>, jumps to the rule at
/// <see cref="GotoPriority"/>, or, with neither, does nothing (a target for jumps).
/// </summary>
public sealed record RoutingRule(AddressFamily Family, int Priority)
{
    public int Table { get; init; }

    public int GotoPriority { get; init; }

    public uint Mark { get; init; }

    public string? InputInterface { get; init; }

    /// <summary>Throws unless the family is IPv4 or IPv6, the priority is set, and the rule either looks up a table of its own, jumps forward, or does nothing.</summary>
    public void Validate()
    {
        if (Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("A routing rule is for IPv4 or IPv6.", nameof(Family));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Priority);

        // 0 is unspecified, 253-255 are the default, main and local tables.
        if (Table < 0 || Table is >= 253 and <= 255)
        {
            throw new ArgumentOutOfRangeException(nameof(Table), Table, "A rule looks up a table of its own.");
        }

        if (GotoPriority != 0 && (Table != 0 || GotoPriority <= Priority))
        {
            throw new ArgumentOutOfRangeException(nameof(GotoPriority), GotoPriority, "A rule either looks up a table or jumps to a later rule.");
        }

        if (InputInterface is { Length: 0 or > 15 })
        {
            throw new ArgumentException("An interface name has 1 to 15 characters.", nameof(InputInterface));
        }
    }

    public override string ToString()
    {
        string family = Family == AddressFamily.InterNetworkV6 ? "IPv6 " : "";
        string mark = Mark == 0 ? "" : $" fwmark 0x{Mark:x}";
        string input = InputInterface is null ? "" : $" iif {InputInterface}";
        string action = Table != 0 ? $"lookup {Table}" : GotoPriority != 0 ? $"goto {GotoPriority}" : "nop";
        return $"{family}rule pref {Priority}{mark}{input} {action}";
    }
}
