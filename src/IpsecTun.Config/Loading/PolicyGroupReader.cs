namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.policy-group</c> entry.</summary>
internal static class PolicyGroupReader
{
    public static PolicyGroup Read(EntryReader r) => new(Name: r.Name(), Comment: r.Text("comment"));
}
