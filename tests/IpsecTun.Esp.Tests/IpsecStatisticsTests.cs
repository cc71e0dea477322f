namespace IpsecTun.Esp.Tests;

public class IpsecStatisticsTests
{
    [Fact]
    public void Counters_carry_the_names_of_the_manuals_statistics_menu()
    {
        string[] manual =
        [
            "in-errors", "in-buffer-errors", "in-header-errors", "in-no-states", "in-state-protocol-errors",
            "in-state-mode-errors", "in-state-sequence-errors", "in-state-expired", "in-state-mismatches",
            "in-state-invalid", "in-template-mismatches", "in-no-policies", "in-policy-blocked", "in-policy-errors",
            "out-errors", "out-bundle-errors", "out-bundle-check-errors", "out-no-states", "out-state-protocol-errors",
            "out-state-mode-errors", "out-state-sequence-errors", "out-state-expired", "out-policy-blocked",
            "out-policy-dead", "out-policy-errors",
        ];

        Assert.Equal(manual, IpsecStatistics.All.Select(IpsecStatistics.NameOf));
        Assert.Equal("in-no-states", IpsecStatistics.NameOf(IpsecCounter.InNoStates));
    }

    [Fact]
    public void Increments_from_many_threads_are_all_counted()
    {
        var statistics = new IpsecStatistics();
        Parallel.For(0, 10_000, i => statistics.Increment(i % 2 == 0 ? IpsecCounter.InNoStates : IpsecCounter.OutNoStates));

        Assert.Equal(5000, statistics[IpsecCounter.InNoStates]);
        Assert.Equal(5000, statistics[IpsecCounter.OutNoStates]);
        Assert.Equal(10_000, statistics.Total);
        Assert.Contains(new KeyValuePair<string, long>("in-no-states", 5000), statistics.Snapshot());
    }
}
