using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>The proposal menu as configured; flags X for disabled and * for the built-in default entry.</summary>
public static class ProposalView
{
    public static IReadOnlyList<ViewRow> Build(IpsecConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.Proposals.Select(proposal => new RowBuilder()
            .Flag('X', proposal.Disabled)
            .Flag('*', proposal.Name == Proposal.DefaultName)
            .Add("comment", proposal.Comment)
            .Add("name", proposal.Name)
            .Add("auth-algorithms", RouterOsText.List(proposal.AuthAlgorithms, a => a?.Name ?? "null"))
            .Add("enc-algorithms", RouterOsText.List(proposal.EncAlgorithms, a => a.Name))
            .Add("lifetime", proposal.Lifetime)
            .Add("pfs-group", proposal.PfsGroup?.Name ?? "none")
            .Build())];
    }
}
