using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Config;
using IpsecTun.Crypto;
using IpsecTun.Eap;
using IpsecTun.Eap.Methods;
using IpsecTun.Eap.Methods.Ttls;
using IpsecTun.Eap.Packets;
using IpsecTun.Engine.Eap;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// auth-method=eap and eap-radius on top of the settings the peer planner built. An initiator (eap) runs the
/// identity's eap-methods in order with its username and password (and its certificate for eap-tls; inner EAP
/// inside eap-ttls and eap-peap) and checks
/// the gateway's certificate against the certificate authorities of the configuration, whose chain the manual
/// says must be present. A responder (eap-radius) signs with its certificate, or without one authenticates by
/// EAP only (RFC 5998); it relays EAP to the <c>/radius</c> servers with service=ipsec, or when there are none
/// runs the built-in EAP server with the <c>eap-user</c> entries and the identity's eap-methods.
/// </summary>
internal static class EapSettingsMapper
{
    /// <summary>
    /// What the client runs inside EAP-TTLS and PEAP: inner EAP, since strongSwan's TTLS server knows nothing else
    /// and FreeRADIUS and Windows take it too; the methods the manual pairs with a password, EAP-MSCHAPv2 first
    /// (PEAPv0's own inner method), then EAP-MD5 (strongSwan's default inside TTLS) and EAP-GTC.
    /// </summary>
    private static readonly EapType[] ClientInnerEapMethods = [EapType.MsChapV2, EapType.Md5Challenge, EapType.Gtc];

    public static IkeSaSettings? Apply(IpsecConfiguration configuration, Identity identity, IkeSaSettings settings, PlanErrors errors) =>
        identity.AuthMethod == AuthMethod.Eap ? Initiator(configuration, identity, settings, errors) : Responder(configuration, identity, settings, errors);

    private static IkeSaSettings? Initiator(IpsecConfiguration configuration, Identity identity, IkeSaSettings settings, PlanErrors errors)
    {
        EapType[] methods = [.. identity.EapMethods.Select(Type)];
        X509Certificate2Collection authorities = Authorities(configuration);
        X509Certificate2? certificate = identity.Certificate is { } name ? configuration.Certificate(name).Certificate : null;
        if (methods.Contains(EapType.Tls) && certificate is not { HasPrivateKey: true })
        {
            errors.Identity(identity, "certificate", "eap-tls needs a certificate with its private key");
            return null;
        }

        EapTlsSettings? tls = methods.Any(EapMethods.IsTlsBased)
            ? new EapTlsSettings
            {
                TrustedAuthorities = authorities,
                Certificate = certificate,
                IntermediateCertificates = Intermediates(authorities),
                TtlsInnerMethod = TtlsInnerMethod.Eap,
                InnerEapMethods = ClientInnerEapMethods,
            }
            : null;
        string user = identity.Username ?? settings.LocalId.ToString();
        string password = identity.Password?.RevealText() ?? string.Empty;
        return settings with
        {
            AuthMethod = IkeAuthMethod.Eap,
            RemoteAuthMethod = IkeAuthMethod.DigitalSignature,
            PeerValidation = new PeerCertificateValidation([.. authorities]),
            EapClient = () =>
            {
                var credentials = new EapCredentials(user, password);
                return new EapPeerClient(new EapPeer(credentials, methods, RandomSource.System, tls), credentials);
            },
        };
    }

    private static IkeSaSettings? Responder(IpsecConfiguration configuration, Identity identity, IkeSaSettings settings, PlanErrors errors)
    {
        X509Certificate2Collection authorities = Authorities(configuration);
        X509Certificate2? certificate = identity.Certificate is { } name ? configuration.Certificate(name).Certificate : null;
        LocalCertificate? local = certificate is null ? null : Local(certificate, authorities);
        settings = settings with
        {
            AuthMethod = local is null ? IkeAuthMethod.Eap : IkeAuthMethod.DigitalSignature,
            Certificate = local,
            RemoteAuthMethod = IkeAuthMethod.Eap,
        };
        RadiusServer[] radius = [.. configuration.RadiusServers.Where(r => !r.Disabled && r.Service.Contains("ipsec"))];
        if (radius.Length > 0)
        {
            RadiusBackend backend = RadiusBackends.For(radius);
            return settings with { EapAuthenticator = backend.Authenticator };
        }

        EapType[] methods = [.. identity.EapMethods.Select(Type)];
        if (methods.Any(EapMethods.IsTlsBased) && certificate is null)
        {
            errors.Identity(identity, "certificate", "the built-in EAP server needs a certificate with its private key for eap-tls, eap-ttls and eap-peap");
            return null;
        }

        EapTlsSettings? tls = certificate is null ? null
            : new EapTlsSettings { TrustedAuthorities = authorities, Certificate = certificate, IntermediateCertificates = Intermediates(authorities) };
        EapUser[] users = [.. configuration.Users.Where(u => !u.Disabled)];
        return settings with
        {
            EapAuthenticator = _ => new LocalEapAuthenticator(new EapServer(methods, name => Lookup(users, name), RandomSource.System, tls)),
        };
    }

    private static EapCredentials? Lookup(EapUser[] users, string name) =>
        users.FirstOrDefault(u => u.Name == name) is { } user ? new EapCredentials(user.Name, user.Password.RevealText()) : null;

    private static LocalCertificate? Local(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
        return key is null ? null : new LocalCertificate(certificate, key, Intermediates(authorities));
    }

    /// <summary>Every CA certificate of the configuration: the roots and intermediates the manual requires for EAP.</summary>
    private static X509Certificate2Collection Authorities(IpsecConfiguration configuration) =>
        [.. configuration.Certificates.Select(c => c.Certificate).Where(IsAuthority)];

    private static X509Certificate2Collection Intermediates(X509Certificate2Collection authorities) =>
        [.. authorities.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) is false)];

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static EapType Type(EapMethod method) => method switch
    {
        EapMethod.EapMschapv2 => EapType.MsChapV2,
        EapMethod.EapPeap => EapType.Peap,
        EapMethod.EapTtls => EapType.Ttls,
        EapMethod.EapMd5 => EapType.Md5Challenge,
        EapMethod.EapGtc => EapType.Gtc,
        _ => EapType.Tls,
    };
}
