using IpsecTun.Config;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// The fingerprint of everything that shapes one peer's tunnels: the peer, its profile, its enabled
/// identities with the mode-config and template policies they use, the encrypt policies naming it with
/// their proposals, the IKE fragment size, retransmission and extended-sequence-numbers, and for certificate
/// identities the certificate entries (a renewed certificate or CA restarts the tunnel). Comments are left
/// out, since they change nothing.
/// </summary>
internal static class PeerFingerprint
{
    public static string Compute(IpsecConfiguration configuration, Peer peer, IReadOnlyList<Identity> identities, IReadOnlyList<Policy> policies)
    {
        var text = new FingerprintText()
            .Add("peer", peer.Name).Add("address", peer.Address).Add("exchange-mode", peer.ExchangeMode)
            .Add("local-address", peer.LocalAddress).Add("passive", peer.Passive).Add("port", peer.Port)
            .Add("send-initial-contact", peer.SendInitialContact)
            .Add("ike-fragment-size", configuration.Endpoint.IkeFragmentSize)
            .Add("ike-retransmit-timeout", configuration.Endpoint.IkeRetransmitTimeout).Add("ike-retransmit-tries", configuration.Endpoint.IkeRetransmitTries)
            .Add("extended-sequence-numbers", configuration.Endpoint.ExtendedSequenceNumbers);
        AddProfile(text, configuration.Profile(peer.Profile));
        foreach (var identity in identities)
        {
            AddIdentity(text, configuration, identity);
        }

        foreach (var policy in policies)
        {
            AddPolicy(text, configuration, policy);
        }

        return text.Finish();
    }

    private static void AddProfile(FingerprintText text, Profile profile) => text
        .Add("profile", profile.Name).Add("dh-group", profile.DhGroups).Add("dpd-interval", profile.DpdInterval)
        .Add("dpd-maximum-failures", profile.DpdMaximumFailures).Add("enc-algorithm", profile.EncAlgorithms)
        .Add("hash-algorithm", profile.HashAlgorithm).Add("lifebytes", profile.Lifebytes).Add("lifetime", profile.Lifetime)
        .Add("nat-traversal", profile.NatTraversal).Add("proposal-check", profile.ProposalCheck);

    private static void AddIdentity(FingerprintText text, IpsecConfiguration configuration, Identity identity)
    {
        text.Add("identity", identity.AuthMethod).Add("certificate", identity.Certificate).Add("eap-methods", identity.EapMethods)
            .Add("generate-policy", identity.GeneratePolicy).Add("key", identity.Key).Add("match-by", identity.MatchBy)
            .Add("mode-config", identity.ModeConfig).Add("my-id", identity.MyId).Add("notrack-chain", identity.NotrackChain)
            .AddSecret("password", identity.Password).Add("policy-template-group", identity.PolicyTemplateGroup)
            .Add("remote-certificate", identity.RemoteCertificate).Add("remote-id", identity.RemoteId).Add("remote-key", identity.RemoteKey)
            .AddSecret("secret", identity.Secret).Add("username", identity.Username);
        if (identity.AuthMethod == AuthMethod.DigitalSignature)
        {
            // The whole certificate store: the signing certificate, a remote certificate and the trusted CAs all come from it.
            foreach (var entry in configuration.Certificates)
            {
                text.Add("certificate.name", entry.Name).Add("file", entry.File).Add("key-file", entry.KeyFile)
                    .AddSecret("passphrase", entry.Passphrase).Add("thumbprint", entry.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
            }
        }

        if (identity.ModeConfig is { } name)
        {
            var modeConfig = configuration.ModeConfig(name);
            text.Add("mode-config.address", modeConfig.Address).Add("address-pool", modeConfig.AddressPool)
                .Add("address-prefix-length", modeConfig.AddressPrefixLength).Add("responder", modeConfig.Responder)
                .Add("split-include", modeConfig.SplitInclude).Add("src-address-list", modeConfig.SrcAddressList)
                .Add("static-dns", modeConfig.StaticDns).Add("system-dns", modeConfig.SystemDns);
        }

        if (identity.GeneratePolicy != GeneratePolicy.No && identity.PolicyTemplateGroup is { } group)
        {
            foreach (var template in configuration.Policies.Where(p => p.Template && !p.Disabled && p.Group == group))
            {
                AddPolicy(text, configuration, template);
            }
        }
    }

    private static void AddPolicy(FingerprintText text, IpsecConfiguration configuration, Policy policy)
    {
        text.Add("policy", policy.SrcAddress).Add("src-port", policy.SrcPort).Add("dst-address", policy.DstAddress)
            .Add("dst-port", policy.DstPort).Add("protocol", policy.Protocol).Add("action", policy.Action).Add("level", policy.Level)
            .Add("ipsec-protocols", policy.IpsecProtocols).Add("tunnel", policy.Tunnel).Add("template", policy.Template)
            .Add("group", policy.Group);
        var proposal = configuration.Proposal(policy.Proposal);
        text.Add("proposal", proposal.Name).Add("auth-algorithms", proposal.AuthAlgorithms).Add("enc-algorithms", proposal.EncAlgorithms)
            .Add("proposal.lifetime", proposal.Lifetime).Add("pfs-group", proposal.PfsGroup).Add("proposal.disabled", proposal.Disabled);
    }
}
