using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.profile</c> entry with the manual's defaults.</summary>
internal static class ProfileReader
{
    public static Profile Read(EntryReader r) => new(
        Name: r.Name(),
        DhGroups: r.List("dh-group", "modp1024,modp2048", AlgorithmNames.Group),
        DpdInterval: r.Value("dpd-interval", "2m", ParseDpdInterval),
        DpdMaximumFailures: (int)r.Value("dpd-maximum-failures", "5", t => RouterOsValue.ParseInteger(t, 1, 100)),
        EncAlgorithms: r.List("enc-algorithm", "aes-128", AlgorithmNames.ProfileEncryption),
        HashAlgorithm: r.Value("hash-algorithm", "sha1", AlgorithmNames.Prf),
        Lifebytes: r.Value("lifebytes", "0", t => RouterOsValue.ParseInteger(t, 0, uint.MaxValue)),
        Lifetime: r.Value("lifetime", "1d", RouterOsTime.Parse),
        NatTraversal: r.Value("nat-traversal", "yes", RouterOsValue.ParseBool),
        ProposalCheck: r.Value("proposal-check", "obey", t => RouterOsValue.ParseName(t, RouterOsNames.ProposalChecks)));

    private static TimeSpan? ParseDpdInterval(string text)
    {
        if (text.Trim().Equals("disable-dpd", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return RouterOsTime.Parse(text);
        }
        catch (InvalidValueException)
        {
            throw new InvalidValueException($"\"{text}\" is not disable-dpd or {RouterOsTime.Allowed}");
        }
    }
}
