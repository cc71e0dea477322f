using IpsecTun.Config.Schema;
using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>Reads the <c>ipsectun</c> section, which has no RouterOS counterpart.</summary>
internal static class EndpointReader
{
    public static EndpointSettings Read(EntryReader r)
    {
        var adapter = r.Child("interface", Menus.EndpointInterface);
        var interfaceSettings = new InterfaceSettings(
            Name: adapter.Value("name", "ipsec0", t => t),
            Mtu: (int)adapter.Value("mtu", "1400", t => RouterOsValue.ParseInteger(t, 576, 65535)));
        adapter.Finish();

        var listen = r.Child("listen", Menus.EndpointListen);
        var listenSettings = new ListenSettings(
            IkePort: listen.Value("ike-port", "500", RouterOsValue.ParsePort),
            NatTPort: listen.Value("nat-t-port", "4500", RouterOsValue.ParsePort));
        listen.Finish();

        return new EndpointSettings(
            Interface: interfaceSettings,
            ReplayWindow: (int)r.Value("replay-window", "1024", t => RouterOsValue.ParseInteger(t, 0, 65536)),
            IkeFragmentSize: (int)r.Value("ike-fragment-size", "1280", t => RouterOsValue.ParseInteger(t, 576, 65535)),
            Listen: listenSettings,
            Control: r.Value("control", EndpointSettings.DefaultControl, t => t))
        {
            IkeRetransmitTimeout = r.Value("ike-retransmit-timeout", "2s", ParseRetransmitTimeout),
            IkeRetransmitTries = (int)r.Value("ike-retransmit-tries", "5", t => RouterOsValue.ParseInteger(t, 0, 20)),
            ExtendedSequenceNumbers = r.Value("extended-sequence-numbers", "no", RouterOsNames.ParseExtendedSequenceNumbers),
        };
    }

    private static TimeSpan ParseRetransmitTimeout(string text)
    {
        TimeSpan timeout = RouterOsTime.Parse(text);
        return timeout >= TimeSpan.FromMilliseconds(100) && timeout <= TimeSpan.FromMinutes(5)
            ? timeout
            : throw new InvalidValueException($"\"{text}\" is outside 100ms..5m");
    }
}
