using IpsecTun.Config.Loading;

namespace IpsecTun.Config.Validation;

internal sealed partial class ConfigurationValidator
{
    private void CheckIdentity(Located<Identity> located)
    {
        var (identity, origin) = (located.Value, located.Origin);
        var certificates = entries.Certificates.Select(c => c.Name).Where(n => n.Length > 0).ToList();
        CheckReference(origin, "peer", identity.Peer.Length == 0 ? null : identity.Peer, Names(entries.Peers, p => p.Name), "ip.ipsec.peer");
        CheckReference(origin, "certificate", identity.Certificate, certificates, "certificate");
        CheckReference(origin, "remote-certificate", identity.RemoteCertificate, certificates, "certificate");
        CheckReference(origin, "policy-template-group", identity.PolicyTemplateGroup, Names(entries.PolicyGroups, g => g.Name), "ip.ipsec.policy-group");
        CheckReference(origin, "mode-config", identity.ModeConfig, Names(entries.ModeConfigs, m => m.Name), "ip.ipsec.mode-config");

        foreach (var property in new[] { "key", "remote-key" })
        {
            if (origin.Text(property) is not null)
            {
                origin.Error(property, "serves auth-method=rsa-key, which exists only in IKEv1; use digital-signature with a certificate");
            }
        }

        if (identity.MatchBy == MatchBy.Certificate && identity.RemoteCertificate is null)
        {
            origin.Error("remote-certificate", "is required with match-by=certificate: the certificate this identity matches");
        }

        switch (identity.AuthMethod)
        {
            case AuthMethod.PreSharedKey when identity.Secret is null && origin.Text("secret") is null:
                origin.Error("secret", "is required with auth-method=pre-shared-key");
                break;
            case AuthMethod.DigitalSignature:
                RequireCertificateWithKey(origin, identity.Certificate, "auth-method=digital-signature");
                break;
            case AuthMethod.Eap:
                CheckEapInitiator(identity, origin);
                break;
            case AuthMethod.EapRadius:
                if (identity.Certificate is not null)
                {
                    RequireCertificateWithKey(origin, identity.Certificate, "auth-method=eap-radius");
                }

                if (!entries.RadiusServers.Any(r => !r.Value.Disabled && r.Value.Service.Contains("ipsec")) && !entries.Users.Any(u => !u.Value.Disabled))
                {
                    origin.Error("auth-method", "eap-radius needs a radius entry with service=ipsec that is not disabled, or eap-user entries for the built-in EAP server");
                }

                break;
        }
    }

    private void CheckEapInitiator(Identity identity, EntryReader origin)
    {
        var peer = entries.Peers.FirstOrDefault(p => p.Value.Name == identity.Peer)?.Value;
        if (peer is not null && !peer.Address.IsSingleHost)
        {
            origin.Error("auth-method", $"eap is for an initiator, whose peer has one address; peer {peer.Name} has {peer.Address}");
        }

        if (identity.EapMethods.Contains(EapMethod.EapTls))
        {
            RequireCertificateWithKey(origin, identity.Certificate, "eap-methods=eap-tls");
        }

        if (identity.EapMethods.Any(m => m != EapMethod.EapTls))
        {
            if (identity.Username is null)
            {
                origin.Error("username", "is required with eap-methods other than eap-tls");
            }

            if (identity.Password is null && origin.Text("password") is null)
            {
                origin.Error("password", "is required with eap-methods other than eap-tls");
            }
        }
    }

    /// <summary>The certificate is named, and (when its files opened) holds the private key it signs with.</summary>
    private void RequireCertificateWithKey(EntryReader origin, string? name, string why)
    {
        if (name is null)
        {
            origin.Error("certificate", $"is required with {why}: a certificate entry that has the private key");
            return;
        }

        var entry = entries.Certificates.FirstOrDefault(c => c.Name == name).Entry?.Value;
        if (entry is not null && !entry.HasPrivateKey)
        {
            origin.Error("certificate", $"\"{name}\" has no private key ({entry.File}); {why} signs with it: add key-file or use a PKCS#12 file");
        }
    }
}
