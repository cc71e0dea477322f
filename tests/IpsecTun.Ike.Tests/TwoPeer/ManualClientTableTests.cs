using IpsecTun.Crypto;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// Every Phase 1 (profile) and Phase 2 (proposal) set of the manual's road-warrior client tables (Windows 10,
/// macOS, iOS, strongSwan for Android) negotiated between two of our peers with exactly those algorithms, in
/// RouterOS names: IKE_SA_INIT, IKE_AUTH with its Child SA, and a Child SA rekey, both sides checked after each message.
/// strongSwan's "SHA*" and "AES-*" rows stand for SHA1/SHA256/SHA512 and 128/192/256-bit keys.
/// </summary>
public sealed class ManualClientTableTests
{
    private static readonly string[] Windows1 =
    [
        "sha1 3des modp1024", "sha256 3des modp1024", "sha1 aes-128 modp1024", "sha256 aes-128 modp1024", "sha1 aes-192 modp1024",
        "sha256 aes-192 modp1024", "sha1 aes-256 modp1024", "sha256 aes-256 modp1024", "sha1 aes-128-gcm modp1024",
        "sha256 aes-128-gcm modp1024", "sha1 aes-256-gcm modp1024", "sha256 aes-256-gcm modp1024",
    ];

    private static readonly string[] Windows2 = ["sha1 aes-256-cbc", "sha1 aes-128-cbc", "sha1 3des", "sha1 des", "sha1 null"];

    private static readonly string[] Apple1 = ["sha256 aes-256 modp2048", "sha256 aes-256 ecp256", "sha256 aes-256 modp1536", "sha1 aes-128 modp1024", "sha1 3des modp1024"];

    private static readonly string[] Apple2 = ["sha256 aes-256-cbc", "sha1 aes-128-cbc", "sha1 3des"];

    private static readonly string[] StrongSwan2 =
    [
        "none aes-256-gcm", "none aes-128-gcm", "sha256 aes-256-cbc", "sha512 aes-256-cbc", "sha1 aes-256-cbc", "sha256 aes-192-cbc",
        "sha512 aes-192-cbc", "sha1 aes-192-cbc", "sha256 aes-128-cbc", "sha512 aes-128-cbc", "sha1 aes-128-cbc",
    ];

    /// <summary>Each client's Phase 1 rows, each paired with the Phase 2 rows in turn (every row of both tables is used).</summary>
    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        AddTable(cases, "windows", Windows1, Windows2);
        AddTable(cases, "macos", Apple1, Apple2);
        AddTable(cases, "ios", Apple1, Apple2);
        AddTable(cases, "strongswan", StrongSwan1(), StrongSwan2);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_client_of_the_manuals_tables_negotiates_and_rekeys(string client, string phase1, string phase2)
    {
        (IkeProposalSettings ike, ChildProposalSettings esp) = (Profile(phase1), Proposal(phase2));
        using var peers = new TwoPeers(TwoPeers.Settings(ike, esp), TwoPeers.ResponderSettings(ike, esp));

        MultipleChildSaTests.RunToQuiet(peers, peers.Initiator.Start(), fromInitiator: true);

        Assert.True(peers.Initiator.State == IkeSaState.Established && peers.Responder.State == IkeSaState.Established, $"{client}: {phase1} / {phase2}");
        MultipleChildSaTests.AssertPaired(peers.Initiator, peers.Responder);
        Assert.Single(peers.Initiator.ChildSas);
        Assert.Equal(ike.Encryption[0], peers.Initiator.Transforms!.Encryption);
        Assert.Equal(ike.Groups[0], peers.Responder.Transforms!.Group);
        ChildSaInstallation installed = Assert.Single(peers.ResponderHost.Installed);
        Assert.Equal(esp.Encryption[0], installed.Encryption);
        if (!esp.Encryption[0].IsAead)
        {
            Assert.Equal(esp.Integrity[0], installed.Integrity);
        }

        uint old = peers.Responder.ChildSas[0].InboundSpi;
        MultipleChildSaTests.RunToQuiet(peers, peers.Responder.RekeyChildSa(old), fromInitiator: false);
        Assert.Equal([old], peers.ResponderHost.Deleted);
        MultipleChildSaTests.AssertPaired(peers.Initiator, peers.Responder);
    }

    private static void AddTable(TheoryData<string, string, string> cases, string client, string[] phase1, string[] phase2)
    {
        for (int i = 0; i < Math.Max(phase1.Length, phase2.Length); i++)
        {
            cases.Add(client, phase1[i % phase1.Length], phase2[i % phase2.Length]);
        }
    }

    private static string[] StrongSwan1()
    {
        string[] ciphers = ["aes-128", "aes-192", "aes-256", "aes-128-gcm", "aes-192-gcm", "aes-256-gcm"];
        string[] groups = ["modp2048", "ecp256", "ecp384", "ecp521", "modp3072", "modp4096", "modp6144", "modp8192"];
        string[] hashes = ["sha1", "sha256", "sha512"];
        return [.. ciphers.SelectMany((cipher, c) => groups.Select((group, g) => $"{hashes[(c + g) % hashes.Length]} {cipher} {group}"))];
    }

    /// <summary>A profile row: hash-algorithm (PRF, and integrity unless the cipher is an AEAD), enc-algorithm, dh-group.</summary>
    private static IkeProposalSettings Profile(string row)
    {
        string[] f = row.Split(' ');
        Assert.True(TransformRegistry.TryGetPrf(f[0], out PrfAlgorithm? prf), f[0]);
        Assert.True(TransformRegistry.TryGetProfileEncryption(f[1], out EncryptionAlgorithm? cipher), f[1]);
        Assert.True(TransformRegistry.TryGetKeyExchange(f[2], out KeyExchangeGroup? group), f[2]);
        IReadOnlyList<IntegrityAlgorithm> integrity = cipher.IsAead ? [] : [Integrity(f[0])];
        return new IkeProposalSettings([cipher], [prf], integrity, [group]);
    }

    /// <summary>A proposal row: auth-algorithms (none with an AEAD), enc-algorithms, no PFS.</summary>
    private static ChildProposalSettings Proposal(string row)
    {
        string[] f = row.Split(' ');
        Assert.True(TransformRegistry.TryGetEncryption(f[1], out EncryptionAlgorithm? cipher), f[1]);
        return new ChildProposalSettings([cipher], f[0] == "none" ? [] : [Integrity(f[0])]);
    }

    private static IntegrityAlgorithm Integrity(string name) =>
        TransformRegistry.TryGetIntegrity(name, out IntegrityAlgorithm? integrity) ? integrity : throw new ArgumentException(name);
}
