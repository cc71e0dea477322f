using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Views;

/// <summary>The statistics menu: one row with every counter under its manual name, in the manual's order.</summary>
public static class StatisticsView
{
    public static IReadOnlyList<ViewRow> Build(IpsecStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var row = new RowBuilder();
        foreach (var (name, count) in statistics.Snapshot())
        {
            row.Add(name, count);
        }

        return [row.Build()];
    }
}
