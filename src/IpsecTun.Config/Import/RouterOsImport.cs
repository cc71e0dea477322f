using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace IpsecTun.Config.Import;

/// <summary>The outcome of importing a RouterOS script.</summary>
/// <param name="Json">The configuration file's text, or null when there are errors.</param>
/// <param name="Skipped">One line per command of a menu ipsectun does not use: <c>skipped: /ip firewall nat (line 12)</c>.</param>
/// <param name="Notes">What import changed on the way (old-style peers and policies rewritten).</param>
/// <param name="Errors">Lines that could not be imported, each with file and line number.</param>
public sealed record RouterOsImport(string? Json, ImmutableArray<string> Skipped, ImmutableArray<string> Notes, ImmutableArray<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Json))]
    public bool Succeeded => Json is not null;
}
