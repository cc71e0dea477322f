namespace IpsecTun.Config.Loading;

/// <summary>Reads a <c>eap-user</c> entry.</summary>
internal static class EapUserReader
{
    public static EapUser Read(EntryReader r)
    {
        var password = r.Secret("password");
        if (password is null && r.Text("password") is null)
        {
            r.Error("password", "is required: the user's EAP password");
        }

        return new EapUser(
            Name: r.Name(),
            Password: password ?? new Secret([]),
            Comment: r.Text("comment"),
            Disabled: r.Value("disabled", "no", Values.RouterOsValue.ParseBool));
    }
}
