using System.Collections.Immutable;
using System.Net;

namespace IpsecTun.Config;

/// <summary>
/// An <c>/ip ipsec mode-config</c> entry: the configuration attributes a responder hands out, or (with
/// <see cref="Responder"/> false) asks for.
/// </summary>
/// <param name="SystemDns">Whether the DNS servers of <c>/ip dns</c> are sent; when not set it is yes unless static-dns is.</param>
public sealed record ModeConfig(
    string Name,
    IPAddress? Address,
    string? AddressPool,
    int? AddressPrefixLength,
    string? Comment,
    bool Responder,
    ImmutableArray<IPNetwork> SplitInclude,
    string? SrcAddressList,
    ImmutableArray<IPAddress> StaticDns,
    bool SystemDns)
{
    /// <summary>The initiator entry RouterOS always has: it requests an address and sends nothing.</summary>
    public const string RequestOnlyName = "request-only";
}
