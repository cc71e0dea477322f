using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.proposal</c> entry with the manual's defaults.</summary>
internal static class ProposalReader
{
    public static Proposal Read(EntryReader r) => new(
        Name: r.Name(),
        AuthAlgorithms: r.List("auth-algorithms", "sha1", AlgorithmNames.Integrity),
        Comment: r.Text("comment"),
        Disabled: r.Value("disabled", "no", RouterOsValue.ParseBool),
        EncAlgorithms: r.List("enc-algorithms", "aes-256-cbc,aes-192-cbc,aes-128-cbc", AlgorithmNames.ProposalEncryption),
        Lifetime: r.Value("lifetime", "30m", RouterOsTime.Parse),
        PfsGroup: r.Value("pfs-group", "modp1024", AlgorithmNames.PfsGroup));
}
