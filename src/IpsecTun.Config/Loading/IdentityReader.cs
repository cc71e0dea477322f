using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.identity</c> entry with the manual's defaults.</summary>
internal static class IdentityReader
{
    public static Identity Read(EntryReader r)
    {
        var peer = r.Required("peer", "an identity applies to one peer", p => $"peer {p}");

        return new Identity(
            AuthMethod: r.Value("auth-method", "pre-shared-key", RouterOsNames.ParseAuthMethod),
            Certificate: r.Text("certificate"),
            Comment: r.Text("comment"),
            Disabled: r.Value("disabled", "no", RouterOsValue.ParseBool),
            EapMethods: r.List("eap-methods", "eap-tls", t => RouterOsValue.ParseName(t, RouterOsNames.EapMethods)),
            GeneratePolicy: r.Value("generate-policy", "no", t => RouterOsValue.ParseName(t, RouterOsNames.GeneratePolicies)),
            Key: r.Text("key"),
            MatchBy: r.Value("match-by", "remote-id", t => RouterOsValue.ParseName(t, RouterOsNames.MatchBys)),
            ModeConfig: NoneIsNull(r.Text("mode-config")),
            MyId: r.Value("my-id", "auto", RouterOsNames.ParseMyId),
            NotrackChain: r.Text("notrack-chain"),
            Password: r.Secret("password"),
            Peer: peer ?? "",
            PolicyTemplateGroup: NoneIsNull(r.Value("policy-template-group", PolicyGroup.DefaultName, t => t)),
            RemoteCertificate: r.Text("remote-certificate"),
            RemoteId: r.Value("remote-id", "auto", RouterOsNames.ParseRemoteId),
            RemoteKey: r.Text("remote-key"),
            Secret: r.Secret("secret"),
            Username: r.Text("username"));
    }

    // The manual writes the default entry as *request-only in one place; the star is print's default-entry flag.
    private static string? NoneIsNull(string? text) =>
        text is null || text.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : text.TrimStart('*');
}
