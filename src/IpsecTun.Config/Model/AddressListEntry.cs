using System.Net;

namespace IpsecTun.Config;

/// <summary>An <c>/ip firewall address-list</c> entry; mode-config's src-address-list names such a list.</summary>
public sealed record AddressListEntry(string List, IPNetwork Address, string? Comment, bool Disabled);
