using IpsecTun.Engine.Views;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Views;

public sealed class StatisticsViewTests
{
    [Fact]
    public void Every_counter_shows_under_its_manual_name_in_order()
    {
        var statistics = new IpsecStatistics();
        statistics.Increment(IpsecCounter.InNoStates);
        statistics.Increment(IpsecCounter.InNoStates);
        statistics.Increment(IpsecCounter.OutPolicyErrors);

        var row = Assert.Single(StatisticsView.Build(statistics));

        Assert.Equal(25, row.Properties.Count);
        Assert.Equal(("in-errors", "0"), (row.Properties[0].Key, row.Properties[0].Value));
        Assert.Equal("2", RowAssert.Value(row, "in-no-states"));
        Assert.Equal(("out-policy-errors", "1"), (row.Properties[^1].Key, row.Properties[^1].Value));
        Assert.Equal("0", RowAssert.Value(row, "in-state-sequence-errors"));
    }
}
