using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// Fills in address identities that a plan cannot know before a connection exists. The plan writes
/// such an ID as the unspecified address (0.0.0.0 or ::), which is never a real identity; once the
/// local and remote addresses of an IKE SA are known they take its place.
/// </summary>
public static class AddressIdentity
{
    /// <summary>
    /// The settings with an unspecified local ID replaced by <paramref name="local"/> and an unspecified
    /// remote ID by <paramref name="remote"/>; the same instance when neither needs it.
    /// </summary>
    public static IkeSaSettings Resolve(IkeSaSettings settings, IPAddress local, IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        bool localOpen = IsUnspecified(settings.LocalId);
        bool remoteOpen = settings.RemoteId is { } remoteId && IsUnspecified(remoteId);
        if (!localOpen && !remoteOpen)
        {
            return settings;
        }

        return settings with
        {
            LocalId = localOpen ? IkeIdentity.FromAddress(Plain(local)) : settings.LocalId,
            RemoteId = remoteOpen ? IkeIdentity.FromAddress(Plain(remote)) : settings.RemoteId,
        };
    }

    /// <summary>True for an ID_IPV4_ADDR or ID_IPV6_ADDR of all zeros.</summary>
    public static bool IsUnspecified(IkeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Type is IdentificationType.Ipv4Address or IdentificationType.Ipv6Address && !identity.Data.Span.ContainsAnyExcept((byte)0);
    }

    /// <summary>An IPv4 address seen through a dual-stack socket as ::ffff:a.b.c.d is the IPv4 address.</summary>
    internal static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
