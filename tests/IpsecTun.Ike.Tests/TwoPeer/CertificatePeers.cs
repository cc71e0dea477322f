using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Authentication;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Settings for two-peer tests that authenticate with the certificates of <see cref="TestPki"/>.</summary>
internal static class CertificatePeers
{
    /// <summary>An initiator signing with end entity <paramref name="key"/>, its ID the certificate's DNS name, trusting the root.</summary>
    public static IkeSaSettings Initiator(string key, PeerCertificateValidation? validation = null, bool useRsaPss = false) =>
        Signing(TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, psk: "", localId: TestPki.DnsName(key)), key, validation, useRsaPss);

    public static IkeSaSettings Responder(string key = "responder", PeerCertificateValidation? validation = null, bool useRsaPss = false) =>
        Signing(TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm, psk: "", localId: TestPki.DnsName(key)), key, validation, useRsaPss);

    /// <summary>Validation that trusts the test root and announces no hashes, so the peer signs with a classic method.</summary>
    public static PeerCertificateValidation Classic => TestPki.Trusting(TestPki.Instance.Root) with { SignatureHashes = [] };

    /// <summary>The payloads of a protected message <paramref name="receiver"/> is about to get, opened with its keys.</summary>
    public static List<Payload> Open(IkeSa receiver, OutboundDatagram datagram)
    {
        Assert.True(IkeMessage.TryParse(datagram.Data.Span, out IkeMessage? message, out IkeError error), error.Reason);
        NegotiatedTransforms transforms = receiver.Transforms!;
        IkeSaKeys keys = receiver.Keys;
        using SkProtection protection = message.Header.IsFromInitiator
            ? new SkProtection(transforms.Encryption!, keys.SkEi, transforms.Integrity, keys.SkAi, RandomSource.System)
            : new SkProtection(transforms.Encryption!, keys.SkEr, transforms.Integrity, keys.SkAr, RandomSource.System);
        var payloads = new List<Payload>();
        Assert.True(protection.TryOpen(datagram.Data.Span, message, payloads, out error), error.Reason);
        return payloads;
    }

    public static bool Logged(IkeSaOutput output, string text) => output.Events.Any(e => e.Message.Contains(text, StringComparison.Ordinal));

    private static IkeSaSettings Signing(IkeSaSettings settings, string key, PeerCertificateValidation? validation, bool useRsaPss) => settings with
    {
        AuthMethod = IkeAuthMethod.DigitalSignature,
        Certificate = TestPki.Instance.Local(key, useRsaPss),
        PeerValidation = validation ?? TestPki.Trusting(TestPki.Instance.Root),
    };
}
