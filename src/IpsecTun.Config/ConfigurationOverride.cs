using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace IpsecTun.Config;

/// <summary>
/// A <c>--set path=value</c> override. The path names menus, entry indexes and properties with dots
/// (<c>ip.ipsec.peer.0.address</c>), colons, or brackets (<c>ip.ipsec.peer[0].address</c>).
/// </summary>
public static partial class ConfigurationOverride
{
    /// <summary>Splits <paramref name="text"/> into a configuration key and value; false when it is not <c>path=value</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out string? key, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        key = value = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return false;
        }

        var path = Index().Replace(text[..equals].Trim(), ".$1").Replace('.', ':');
        if (path.Split(':').Any(string.IsNullOrEmpty))
        {
            return false;
        }

        key = path;
        value = text[(equals + 1)..];
        return true;
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();
}
