using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Tests.Views;

internal static class RowAssert
{
    /// <summary>The value of one property, failing when the row lacks it.</summary>
    public static string Value(ViewRow row, string name)
    {
        var found = row.Properties.Where(p => p.Key == name).ToList();
        Assert.True(found.Count == 1, $"expected one {name} in {string.Join(" ", row.Properties.Select(p => $"{p.Key}={p.Value}"))}");
        return found[0].Value;
    }

    public static bool Has(ViewRow row, string name) => row.Properties.Any(p => p.Key == name);
}
