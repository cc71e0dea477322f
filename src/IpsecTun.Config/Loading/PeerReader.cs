using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads an <c>ip.ipsec.peer</c> entry with the manual's defaults.</summary>
internal static class PeerReader
{
    public static Peer Read(EntryReader r) => new(
        Name: r.Name(),
        Address: r.Value("address", "0.0.0.0/0", ParseAddress),
        Comment: r.Text("comment"),
        Disabled: r.Value("disabled", "no", RouterOsValue.ParseBool),
        ExchangeMode: r.Value("exchange-mode", "main", RouterOsNames.ParseExchangeMode),
        LocalAddress: r.Optional("local-address", AddressParser.ParseAddress),
        Passive: r.Value("passive", "no", RouterOsValue.ParseBool),
        Port: r.Value("port", "500", RouterOsValue.ParsePort),
        Profile: r.Value("profile", Profile.DefaultName, t => t),
        SendInitialContact: r.Value("send-initial-contact", "yes", RouterOsValue.ParseBool));

    /// <summary>A prefix, or a DNS name when the text is not an address (the manual's <c>n.mynetname.net</c>).</summary>
    private static PeerAddress ParseAddress(string text)
    {
        var first = text.TrimStart();
        if (first.Length > 0 && (char.IsAsciiDigit(first[0]) || first.Contains(':', StringComparison.Ordinal) || first[0] == '!'))
        {
            return new PeerAddress(AddressParser.ParsePrefix(text), null);
        }

        if (!IsHostName(text))
        {
            throw new InvalidValueException($"\"{text}\" is neither an IP prefix such as 198.51.100.1/32 nor a DNS name");
        }

        return new PeerAddress(null, text);
    }

    private static bool IsHostName(string text) =>
        text.Length <= 253 && text.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' &&
            label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
