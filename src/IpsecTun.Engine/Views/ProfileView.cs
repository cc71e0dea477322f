using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>The profile menu as configured; flag * for the built-in default entry.</summary>
public static class ProfileView
{
    public static IReadOnlyList<ViewRow> Build(IpsecConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.Profiles.Select(profile => new RowBuilder()
            .Flag('*', profile.Name == Profile.DefaultName)
            .Add("name", profile.Name)
            .Add("hash-algorithm", profile.HashAlgorithm.Name)
            .Add("enc-algorithm", RouterOsText.List(profile.EncAlgorithms, a => a.ProfileName ?? a.Name))
            .Add("dh-group", RouterOsText.List(profile.DhGroups, g => g.Name))
            .Add("lifetime", profile.Lifetime)
            .Add("lifebytes", profile.Lifebytes)
            .Add("proposal-check", profile.ProposalCheck.ToString().ToLowerInvariant())
            .Add("nat-traversal", profile.NatTraversal)
            .Add("dpd-interval", profile.DpdInterval is TimeSpan dpd ? RouterOsText.Duration(dpd) : "disable-dpd")
            .Add("dpd-maximum-failures", profile.DpdMaximumFailures)
            .Build())];
    }
}
