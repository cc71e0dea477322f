using System.Text;
using IpsecTun.Config;
using IpsecTun.Engine.Control;

namespace IpsecTun.Engine.Views;

/// <summary>
/// The identity menu as configured; flag X for disabled entries. secret and password are masked unless
/// keys are asked for, and then printed as text when they are printable, else as 0x… hex (the form
/// the configuration accepts back).
/// </summary>
public static class IdentityView
{
    private const string Mask = "********";

    public static IReadOnlyList<ViewRow> Build(IpsecConfiguration configuration, bool withKeys)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.Identities.Select(identity => new RowBuilder()
            .Flag('X', identity.Disabled)
            .Add("comment", identity.Comment)
            .Add("peer", identity.Peer)
            .Add("auth-method", AuthMethodName(identity.AuthMethod))
            .Add("secret", Hidden(identity.Secret, withKeys))
            .Add("certificate", identity.Certificate)
            .Add("remote-certificate", identity.RemoteCertificate)
            .Add("eap-methods", identity.AuthMethod == AuthMethod.Eap ? RouterOsText.List(identity.EapMethods, EapMethodName) : null)
            .Add("username", identity.Username)
            .Add("password", Hidden(identity.Password, withKeys))
            .Add("my-id", identity.MyId)
            .Add("remote-id", identity.RemoteId)
            .Add("match-by", identity.MatchBy == MatchBy.Certificate ? "certificate" : "remote-id")
            .Add("generate-policy", GeneratePolicyName(identity.GeneratePolicy))
            .Add("policy-template-group", identity.PolicyTemplateGroup ?? "none")
            .Add("mode-config", identity.ModeConfig ?? "none")
            .Add("notrack-chain", identity.NotrackChain)
            .Build())];
    }

    private static string? Hidden(Secret? secret, bool withKeys)
    {
        if (secret is null)
        {
            return null;
        }

        if (!withKeys)
        {
            return Mask;
        }

        bool printable = !secret.Value.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);
        return printable && !secret.Value.StartsWith("0x"u8) ? Encoding.ASCII.GetString(secret.Value) : "0x" + Convert.ToHexStringLower(secret.Value);
    }

    private static string AuthMethodName(AuthMethod method) => method switch
    {
        AuthMethod.DigitalSignature => "digital-signature",
        AuthMethod.Eap => "eap",
        AuthMethod.EapRadius => "eap-radius",
        _ => "pre-shared-key",
    };

    private static string EapMethodName(EapMethod method) => method switch
    {
        EapMethod.EapMschapv2 => "eap-mschapv2",
        EapMethod.EapPeap => "eap-peap",
        EapMethod.EapTtls => "eap-ttls",
        EapMethod.EapMd5 => "eap-md5",
        EapMethod.EapGtc => "eap-gtc",
        _ => "eap-tls",
    };

    private static string GeneratePolicyName(GeneratePolicy policy) => policy switch
    {
        GeneratePolicy.PortOverride => "port-override",
        GeneratePolicy.PortStrict => "port-strict",
        _ => "no",
    };
}
