using System.Collections.Immutable;

namespace IpsecTun.Config.Schema;

/// <summary>
/// Every menu of the configuration file, with the properties of the RouterOS manual's tables. The order
/// of <see cref="All"/> is the order of the file and of import's output.
/// </summary>
internal static class Menus
{
    public static readonly MenuSchema Profile = new(
        "ip.ipsec.profile", "/ip ipsec profile", MenuShape.List,
        "dh-group", "dpd-interval", "dpd-maximum-failures", "enc-algorithm", "hash-algorithm", "lifebytes",
        "lifetime", "name", "nat-traversal", "proposal-check");

    public static readonly MenuSchema Proposal = new(
        "ip.ipsec.proposal", "/ip ipsec proposal", MenuShape.List,
        "auth-algorithms", "comment", "disabled", "enc-algorithms", "lifetime", "name", "pfs-group");

    public static readonly MenuSchema Peer = new(
        "ip.ipsec.peer", "/ip ipsec peer", MenuShape.List,
        "address", "comment", "disabled", "exchange-mode", "local-address", "name", "passive", "port",
        "profile", "send-initial-contact");

    public static readonly MenuSchema Identity = new(
        "ip.ipsec.identity", "/ip ipsec identity", MenuShape.List,
        "auth-method", "certificate", "comment", "disabled", "eap-methods", "generate-policy", "key", "match-by",
        "mode-config", "my-id", "notrack-chain", "password", "peer", "policy-template-group",
        "remote-certificate", "remote-id", "remote-key", "secret", "username");

    /// <summary><c>default</c> is read-only in RouterOS; here <c>default=yes</c> marks the entry that edits the built-in template.</summary>
    public static readonly MenuSchema Policy = new(
        "ip.ipsec.policy", "/ip ipsec policy", MenuShape.List,
        "action", "comment", "default", "disabled", "dst-address", "dst-port", "group", "ipsec-protocols", "level",
        "peer", "proposal", "protocol", "src-address", "src-port", "template", "tunnel");

    public static readonly MenuSchema PolicyGroup = new(
        "ip.ipsec.policy-group", "/ip ipsec policy group", MenuShape.List, "comment", "name");

    public static readonly MenuSchema ModeConfig = new(
        "ip.ipsec.mode-config", "/ip ipsec mode-config", MenuShape.List,
        "address", "address-pool", "address-prefix-length", "comment", "name", "responder", "split-include",
        "src-address-list", "static-dns", "system-dns");

    public static readonly MenuSchema Settings = new(
        "ip.ipsec.settings", "/ip ipsec settings", MenuShape.Single, "accounting", "interim-update", "xauth-use-radius");

    public static readonly MenuSchema Key = new("ip.ipsec.key", "/ip ipsec key", MenuShape.List, "file", "name");

    public static readonly MenuSchema Pool = new("ip.pool", "/ip pool", MenuShape.List, "comment", "name", "next-pool", "ranges");

    public static readonly MenuSchema AddressList = new(
        "ip.firewall.address-list", "/ip firewall address-list", MenuShape.List, "address", "comment", "disabled", "list");

    public static readonly MenuSchema Dns = new("ip.dns", "/ip dns", MenuShape.Single, "servers");

    /// <summary>RouterOS's certificate store, as files.</summary>
    public static readonly MenuSchema Certificate = new(
        "certificate", "/certificate", MenuShape.List, "file", "key-file", "name", "passphrase");

    public static readonly MenuSchema Radius = new(
        "radius", "/radius", MenuShape.List,
        "accounting-port", "address", "authentication-port", "comment", "disabled", "secret", "service", "timeout");

    /// <summary>The users of the built-in EAP server: an ipsectun addition (RouterOS sends EAP to its User Manager over RADIUS).</summary>
    public static readonly MenuSchema EapUser = new("eap-user", null, MenuShape.List, "comment", "disabled", "name", "password");

    public static readonly MenuSchema Endpoint = new(
        "ipsectun", null, MenuShape.Single,
        "control", "extended-sequence-numbers", "ike-fragment-size", "ike-retransmit-timeout", "ike-retransmit-tries", "interface", "listen", "replay-window");

    public static readonly MenuSchema EndpointInterface = new("ipsectun.interface", null, MenuShape.Single, "mtu", "name");

    public static readonly MenuSchema EndpointListen = new("ipsectun.listen", null, MenuShape.Single, "ike-port", "nat-t-port");

    /// <summary>The menus at the top of their own path, in file order (the ipsectun sub-objects are read through ipsectun).</summary>
    public static readonly ImmutableArray<MenuSchema> All =
    [
        Profile, Proposal, Peer, Identity, Policy, PolicyGroup, ModeConfig, Settings, Key,
        Pool, AddressList, Dns, Certificate, Radius, EapUser, Endpoint,
    ];
}
