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

    [Fact]
    public void Source_nat_counters_follow_when_given()
    {
        var sourceNat = new SourceNatStatistics();
        sourceNat.Increment(SourceNatCounter.OutboundTranslated);
        sourceNat.Increment(SourceNatCounter.TableFull);

        var row = Assert.Single(StatisticsView.Build(new IpsecStatistics(), sourceNat, sourceNatConnections: 3));

        Assert.Equal(25 + 12, row.Properties.Count);
        Assert.Equal("1", RowAssert.Value(row, "src-nat-out-translated"));
        Assert.Equal("1", RowAssert.Value(row, "src-nat-table-full"));
        Assert.Equal("0", RowAssert.Value(row, "src-nat-in-translated"));
        Assert.Equal(("src-nat-connections", "3"), (row.Properties[^1].Key, row.Properties[^1].Value));
    }
}
