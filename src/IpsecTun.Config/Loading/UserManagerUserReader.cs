namespace IpsecTun.Config.Loading;

/// <summary>Reads a <c>user-manager.user</c> entry.</summary>
internal static class UserManagerUserReader
{
    public static UserManagerUser Read(EntryReader r)
    {
        var password = r.Secret("password");
        if (password is null && r.Text("password") is null)
        {
            r.Error("password", "is required: the user's EAP password");
        }

        return new UserManagerUser(
            Name: r.Name(),
            Password: password ?? new Secret([]),
            Comment: r.Text("comment"),
            Disabled: r.Value("disabled", "no", Values.RouterOsValue.ParseBool));
    }
}
