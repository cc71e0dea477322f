using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Views;

/// <summary>
/// The statistics menu: one row with every counter under its manual name, in the manual's order; then, on an
/// endpoint that source-NATs a src-address-list, the source NAT's counters and its current connections under
/// <c>src-nat-</c> names (RouterOS shows those in its firewall, which this endpoint does not have).
/// </summary>
public static class StatisticsView
{
    public static IReadOnlyList<ViewRow> Build(IpsecStatistics statistics, SourceNatStatistics? sourceNat = null, int sourceNatConnections = 0)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var row = new RowBuilder();
        foreach (var (name, count) in statistics.Snapshot())
        {
            row.Add(name, count);
        }

        if (sourceNat is not null)
        {
            foreach (SourceNatCounter counter in Enum.GetValues<SourceNatCounter>())
            {
                row.Add(SourceNatName(counter), sourceNat[counter]);
            }

            row.Add("src-nat-connections", sourceNatConnections);
        }

        return [row.Build()];
    }

    private static string SourceNatName(SourceNatCounter counter) => counter switch
    {
        SourceNatCounter.OutboundTranslated => "src-nat-out-translated",
        SourceNatCounter.InboundTranslated => "src-nat-in-translated",
        SourceNatCounter.IcmpErrorsTranslated => "src-nat-icmp-errors-translated",
        SourceNatCounter.Malformed => "src-nat-malformed",
        SourceNatCounter.Fragments => "src-nat-fragments",
        SourceNatCounter.Unsupported => "src-nat-unsupported",
        SourceNatCounter.NoConnection => "src-nat-no-connection",
        SourceNatCounter.TableFull => "src-nat-table-full",
        SourceNatCounter.NoPortAvailable => "src-nat-no-port-available",
        SourceNatCounter.Expired => "src-nat-expired",
        SourceNatCounter.Evicted => "src-nat-evicted",
        _ => throw new ArgumentOutOfRangeException(nameof(counter), counter, null),
    };
}
