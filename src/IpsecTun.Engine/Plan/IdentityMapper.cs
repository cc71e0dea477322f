using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IpsecTun.Config;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// my-id and remote-id as IKE identities. An address ID whose address is only known once a connection
/// exists (<c>auto</c> with a pre-shared key, or <c>address</c> without a value) becomes the unspecified
/// address of the peer's family, which <see cref="AddressIdentity.Resolve"/> replaces with the address
/// in use. With a certificate, <c>auto</c> is the certificate's first subjectAltName, else its subject DN.
/// </summary>
internal static class IdentityMapper
{
    /// <summary>
    /// The ID sent as IDi or IDr; auto is, as the manual says, the local IP address for pre-shared keys and the
    /// SAN (DN if not present) of <paramref name="certificate"/> for certificate based connections.
    /// </summary>
    public static IkeIdentity? Local(IdentityId id, Peer peer, X509Certificate2? certificate, out string? error)
    {
        error = null;
        IPAddress inUse = peer.LocalAddress ?? Unspecified(peer);
        return id.Kind != IdentityIdKind.Auto ? FromValue(id, inUse, out error)
            : certificate is null ? IkeIdentity.FromAddress(inUse)
            : IkeIdentity.FromCertificate(certificate);
    }

    /// <summary>The ID the peer must present, or null for auto and ignore, which accept any.</summary>
    public static IkeIdentity? Remote(IdentityId id, Peer peer, out string? error)
    {
        error = null;
        return id.Kind is IdentityIdKind.Auto or IdentityIdKind.Ignore
            ? null
            : FromValue(id, SingleAddress(peer) ?? Unspecified(peer), out error);
    }

    private static IkeIdentity? FromValue(IdentityId id, IPAddress addressInUse, out string? error)
    {
        error = null;
        string? value = id.Value;
        if (id.Kind == IdentityIdKind.Address)
        {
            if (value is null)
            {
                return IkeIdentity.FromAddress(addressInUse);
            }

            if (IPAddress.TryParse(value, out var address))
            {
                return IkeIdentity.FromAddress(address);
            }

            error = $"address:{value} is not an IP address";
            return null;
        }

        if (string.IsNullOrEmpty(value))
        {
            error = $"{id} needs a value, such as {id}:{Example(id.Kind)}";
            return null;
        }

        switch (id.Kind)
        {
            case IdentityIdKind.Fqdn or IdentityIdKind.UserFqdn when !Ascii.IsValid(value):
                error = $"{id} must be ASCII text (an IDN name in its xn-- form)";
                return null;
            case IdentityIdKind.Fqdn:
                return new IkeIdentity(IdentificationType.Fqdn, Encoding.ASCII.GetBytes(value));
            case IdentityIdKind.UserFqdn:
                return new IkeIdentity(IdentificationType.Rfc822Address, Encoding.ASCII.GetBytes(value));
            case IdentityIdKind.KeyId:
                return KeyId(value, out error);
            default:
                return DistinguishedName(value, out error);
        }
    }

    /// <summary>A key ID is opaque bytes: 0x… in hex, anything else as its UTF-8 text.</summary>
    private static IkeIdentity? KeyId(string value, out string? error)
    {
        error = null;
        if (!value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return new IkeIdentity(IdentificationType.KeyId, Encoding.UTF8.GetBytes(value));
        }

        try
        {
            return new IkeIdentity(IdentificationType.KeyId, Convert.FromHexString(value.AsSpan(2)));
        }
        catch (FormatException)
        {
            error = $"key-id:{value} starts with 0x but is not hexadecimal";
            return null;
        }
    }

    private static IkeIdentity? DistinguishedName(string value, out string? error)
    {
        error = null;
        try
        {
            return new IkeIdentity(IdentificationType.DerAsn1Dn, new X500DistinguishedName(value).RawData);
        }
        catch (CryptographicException)
        {
            error = $"dn:{value} is not a distinguished name such as dn:CN=vpn.example.com,O=Example";
            return null;
        }
    }

    private static string Example(IdentityIdKind kind) => kind switch
    {
        IdentityIdKind.Fqdn => "vpn.example.com",
        IdentityIdKind.UserFqdn => "alice@example.com",
        IdentityIdKind.KeyId => "0x0123abcd",
        _ => "CN=vpn.example.com",
    };

    private static IPAddress? SingleAddress(Peer peer) =>
        peer.Address is { IsSingleHost: true, Prefix: { } prefix } ? prefix.BaseAddress : null;

    private static IPAddress Unspecified(Peer peer) =>
        (peer.LocalAddress ?? peer.Address.Prefix?.BaseAddress)?.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
}
