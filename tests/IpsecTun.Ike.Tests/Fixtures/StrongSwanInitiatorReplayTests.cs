using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Messages.Rules;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Protection;
using IpsecTun.Ike.Tests.TwoPeer;

namespace IpsecTun.Ike.Tests.Fixtures;

/// <summary>
/// Our responder in the place of strongSwan's responder of a capture, fed every request strongSwan's initiator
/// sent: IKE_SA_INIT, IKE_AUTH (in SKF fragments in one capture), the Child SA rekey and both DELETEs. The
/// responder takes the SPI, nonce and key exchange the recorded responder used (<see cref="ReplayedResponderInit"/>),
/// so its SK_* must be the ones charon logged, or strongSwan's IKE_AUTH would not even open. Each answer is then
/// opened with charon's keys and checked as strongSwan's initiator checks it: AUTH over our IKE_SA_INIT response
/// (PSK, or ECDSA with a certificate chained to the capture's CA), the Child SA proposal among those it offered,
/// and the traffic selectors narrowed to the virtual IP it asked for.
/// </summary>
public sealed class StrongSwanInitiatorReplayTests
{
    private static readonly IPAddress StrongSwanAddress = IPAddress.Parse("10.99.0.1");
    private static readonly IPAddress OurAddress = IPAddress.Parse("10.99.0.2");
    private static readonly IPAddress VirtualIp = IPAddress.Parse("10.3.0.1");

    public static TheoryData<string> Captures => new()
    {
        StrongSwanCapture.CbcSha256Modp2048, StrongSwanCapture.Gcm16Ecp256Fragmented, StrongSwanCapture.EcdsaP256Gcm16,
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void Responder_derives_the_logged_keys_from_the_recorded_ike_sa_init(string name)
    {
        using var replay = new Replay(name);

        IkeMessage response = replay.Answer(replay.Requests[0]);

        Assert.Equal(IkeSaState.Authenticating, replay.Responder.State);
        Assert.Equal(replay.Capture.Parse(1).Header.ResponderSpi, response.Header.ResponderSpi);
        IkeSaKeys keys = replay.Responder.Keys;
        Assert.Equal(replay.Capture.Keys["Sk_d"], keys.SkD.ToArray());
        Assert.Equal(replay.Capture.Keys["Sk_ei"], keys.SkEi.ToArray());
        Assert.Equal(replay.Capture.Keys["Sk_er"], keys.SkEr.ToArray());
        Assert.Equal(replay.Capture.Keys["Sk_pi"], keys.SkPi.ToArray());
        Assert.Equal(replay.Capture.Keys["Sk_pr"], keys.SkPr.ToArray());
        Assert.Equal(replay.Capture.Keys.GetValueOrDefault("Sk_ai", []), keys.SkAi.ToArray());
        Assert.Equal(replay.Capture.Keys.GetValueOrDefault("Sk_ar", []), keys.SkAr.ToArray());
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Responder_authenticates_strongswan_and_answers_ike_auth_as_its_initiator_accepts(string name)
    {
        using var replay = new Replay(name);
        byte[] ourInitResponse = replay.AnswerDatagram(replay.Requests[0]);

        IkeMessage response = replay.Answer(replay.Requests[1]);

        Assert.True(replay.Responder.State == IkeSaState.Established, replay.Responder.Failure?.Reason);
        Assert.Equal((ExchangeType.IkeAuth, 1u), (response.Header.ExchangeType, response.Header.MessageId));
        List<Payload> payloads = replay.Open(response);
        Assert.DoesNotContain(payloads, p => p is NotifyPayload { IsError: true });
        List<Payload> request = replay.RequestPayloads(1);

        IdentificationPayload idr = payloads.OfType<IdentificationPayload>().Single();
        Assert.Equal(PayloadType.IdResponder, idr.Type);
        byte[] signedOctets = StrongSwanCapture.SignedOctets(ourInitResponse, replay.Capture.Parse(0).Payloads.OfType<NoncePayload>().Single().Data.Span, replay.Capture.Keys["Sk_pr"], idr);
        AuthenticationPayload auth = payloads.OfType<AuthenticationPayload>().Single();
        if (replay.IsCertificateCapture)
        {
            VerifyEcdsaAuth(replay, payloads, idr, auth, signedOctets);
        }
        else
        {
            Assert.Equal((IdentificationType.Fqdn, "right.example.org"), (idr.IdType, Text(idr)));
            Assert.Equal(AuthMethod.SharedKeyMessageIntegrityCode, auth.Method);
            Assert.Equal(StrongSwanCapture.PskAuth(ourInitResponse, replay.Capture.Parse(0).Payloads.OfType<NoncePayload>().Single().Data.Span, replay.Capture.Keys["Sk_pr"], idr), auth.Data.ToArray());
        }

        // The Child SA: one ESP proposal, a subset of the offer it answers, with our SPI; TSi narrowed to the virtual IP.
        Proposal offered = request.OfType<SecurityAssociationPayload>().Single().Proposals.Single();
        Proposal chosen = payloads.OfType<SecurityAssociationPayload>().Single().Proposals.Single();
        Assert.Equal((ProtocolId.Esp, offered.Number, 4), (chosen.Protocol, chosen.Number, chosen.Spi.Length));
        Assert.All(chosen.Transforms, t => Assert.Contains(offered.Transforms, o => o.Type == t.Type && o.Id == t.Id && o.KeyLengthBits == t.KeyLengthBits));
        Assert.Equal(offered.Transforms.Select(t => t.Type).Distinct().Order(), chosen.Transforms.Select(t => t.Type).Order());
        ChildSaInstallation installed = Assert.Single(replay.Host.Installed);
        Assert.Equal(installed.InboundSpi, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(chosen.Spi.Span));
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(offered.Spi.Span), installed.OutboundSpi);

        TrafficSelector tsi = payloads.OfType<TrafficSelectorPayload>().Single(p => p.Type == PayloadType.TrafficSelectorInitiator).Selectors.Single();
        TrafficSelector tsr = payloads.OfType<TrafficSelectorPayload>().Single(p => p.Type == PayloadType.TrafficSelectorResponder).Selectors.Single();
        Assert.Equal((VirtualIp, VirtualIp), (tsi.StartAddress, tsi.EndAddress));
        Assert.Equal((IPAddress.Parse("10.2.0.0"), IPAddress.Parse("10.2.0.255")), (tsr.StartAddress, tsr.EndAddress));
        Assert.True(Covers(request.OfType<TrafficSelectorPayload>().Single(p => p.Type == PayloadType.TrafficSelectorInitiator).Selectors.Single(), tsi));
        Assert.True(Covers(request.OfType<TrafficSelectorPayload>().Single(p => p.Type == PayloadType.TrafficSelectorResponder).Selectors.Single(), tsr));

        ConfigurationPayload reply = payloads.OfType<ConfigurationPayload>().Single();
        Assert.Equal(ConfigurationType.Reply, reply.ConfigurationType);
        Assert.True(reply.Attributes.Single(a => a.Type == ConfigurationAttributeType.InternalIp4Address).TryGetAddress(out IPAddress? assigned));
        Assert.Equal(VirtualIp, assigned);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Responder_answers_the_recorded_child_rekey_and_both_deletes(string name)
    {
        using var replay = new Replay(name);
        replay.Answer(replay.Requests[0]);
        replay.Answer(replay.Requests[1]);
        uint firstInbound = replay.Host.Installed.Single().InboundSpi;

        IkeMessage rekey = replay.Answer(replay.Requests[2]);
        List<Payload> rekeyed = replay.Open(rekey);
        Assert.Equal((ExchangeType.CreateChildSa, 2u), (rekey.Header.ExchangeType, rekey.Header.MessageId));
        Proposal offered = replay.RequestPayloads(2).OfType<SecurityAssociationPayload>().Single().Proposals.Single();
        Proposal chosen = rekeyed.OfType<SecurityAssociationPayload>().Single().Proposals.Single();
        Assert.Equal((ProtocolId.Esp, offered.Number), (chosen.Protocol, chosen.Number));
        Assert.Single(rekeyed.OfType<NoncePayload>());
        Assert.Equal(2, replay.Host.Installed.Count);
        Assert.Equal(replay.Host.Installed[1].InboundSpi, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(chosen.Spi.Span));

        IkeMessage childDelete = replay.Answer(replay.Requests[3]);
        DeletePayload deleted = Assert.IsType<DeletePayload>(Assert.Single(replay.Open(childDelete)));
        Assert.Equal((ProtocolId.Esp, firstInbound), (deleted.Protocol, Assert.Single(deleted.Spis)));
        Assert.Equal([firstInbound], replay.Host.Deleted);
        Assert.Equal(IkeSaState.Established, replay.Responder.State);

        IkeMessage ikeDelete = replay.Answer(replay.Requests[4]);
        Assert.Empty(replay.Open(ikeDelete));
        Assert.Equal((ExchangeType.Informational, 4u), (ikeDelete.Header.ExchangeType, ikeDelete.Header.MessageId));
        Assert.Equal(IkeSaState.Closed, replay.Responder.State);
        Assert.Equal([firstInbound, replay.Host.Installed[1].InboundSpi], replay.Host.Deleted);
    }

    private static void VerifyEcdsaAuth(Replay replay, List<Payload> payloads, IdentificationPayload idr, AuthenticationPayload auth, byte[] signedOctets)
    {
        // As strongSwan's initiator: CERT chained to its trusted CA, IDr the certificate's subject, the RFC 7427 signature over our octets.
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(payloads.OfType<CertificatePayload>().Single().Data.Span);
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(replay.Capture.CaCertificatePath));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = certificate.NotBefore.AddHours(1);
        Assert.True(chain.Build(certificate));
        Assert.Equal((IdentificationType.DerAsn1Dn, "CN=right.example.org"), (idr.IdType, new X500DistinguishedName(idr.Data.Span).Name));
        Assert.Equal("CN=right.example.org", certificate.Subject);

        Assert.Equal(AuthMethod.DigitalSignature, auth.Method);
        Assert.True(SignatureAuthData.TryParse(auth.Data.Span, out SignatureAuthData signature));
        Assert.Equal(SignatureAlgorithmIdentifier.EcdsaWithSha256, signature.Algorithm);
        using ECDsa key = certificate.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(signedOctets, signature.Signature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>Whether <paramref name="inner"/> lies within what <paramref name="offered"/> allows (RFC 7296 §2.9 narrowing).</summary>
    private static bool Covers(TrafficSelector offered, TrafficSelector inner) =>
        offered.Type == inner.Type
        && offered.StartAddress!.GetAddressBytes().AsSpan().SequenceCompareTo(inner.StartAddress!.GetAddressBytes()) <= 0
        && inner.EndAddress!.GetAddressBytes().AsSpan().SequenceCompareTo(offered.EndAddress!.GetAddressBytes()) <= 0
        && offered.StartPort <= inner.StartPort && inner.EndPort <= offered.EndPort
        && (offered.Protocol == 0 || offered.Protocol == inner.Protocol);

    private static string Text(IdentificationPayload id) => id.TryGetText(out string? text) ? text : "";

    /// <summary>One capture, our responder standing in for strongSwan's, and the initiator's requests in order.</summary>
    private sealed class Replay : IDisposable
    {
        private readonly LocalCertificate? _certificate;
        private readonly X509Certificate2? _ca;

        public Replay(string name)
        {
            Capture = StrongSwanCapture.Load(name);
            IsCertificateCapture = name == StrongSwanCapture.EcdsaP256Gcm16;
            IkeMessage init = Capture.Parse(0);
            IkeMessage recordedResponse = Capture.Parse(1);
            KeyExchangePayload initiatorKe = init.Payloads.OfType<KeyExchangePayload>().Single();
            Assert.True(TransformRegistry.TryGetKeyExchange(initiatorKe.Group, out KeyExchangeGroup? group));

            IkeSaSettings settings = Settings(group);
            if (IsCertificateCapture)
            {
                _certificate = CredentialLoader.FromPemFiles(Capture.FilePath("responder-cert.pem"), Capture.FilePath("responder-key.pem"));
                _ca = X509Certificate2.CreateFromPem(File.ReadAllText(Capture.CaCertificatePath));
                settings = settings with
                {
                    LocalId = IkeIdentity.FromCertificate(_certificate.Certificate),
                    RemoteId = IkeIdentity.FromDistinguishedName(new X500DistinguishedName("CN=left.example.org")),
                    AuthMethod = IkeAuthMethod.DigitalSignature,
                    Certificate = _certificate,
                    PeerValidation = new PeerCertificateValidation([_ca]),
                };
                Time.Advance(_certificate.Certificate.NotBefore.ToUniversalTime() - ManualTime.Epoch + TimeSpan.FromHours(1));
            }

            Responder = IkeSa.CreateResponder(settings, Host, new IPEndPoint(OurAddress, 500), new IPEndPoint(StrongSwanAddress, 500), new CountingRandom(7), Time);
            Responder.ReplayedInit = new ReplayedResponderInit(
                recordedResponse.Header.ResponderSpi,
                recordedResponse.Payloads.OfType<NoncePayload>().Single().Data.ToArray(),
                new RecordedKeyExchange(group, recordedResponse.Payloads.OfType<KeyExchangePayload>().Single().Data.ToArray(), initiatorKe.Data.ToArray(), Capture.Keys["g_ir"]));

            // The initiator's requests, the fragments of one request together.
            foreach (int index in Enumerable.Range(0, Capture.Datagrams.Count))
            {
                IkeHeader header = Capture.Parse(index).Header;
                if (header.IsResponse)
                {
                    continue;
                }

                if (Requests.Count > 0 && Capture.Parse(Requests[^1][0]).Header.MessageId == header.MessageId)
                {
                    Requests[^1].Add(index);
                }
                else
                {
                    Requests.Add([index]);
                }
            }

            Assert.Equal(5, Requests.Count);
        }

        public StrongSwanCapture Capture { get; }

        public bool IsCertificateCapture { get; }

        public ManualTime Time { get; } = new();

        public FakeChildSaHost Host { get; } = new(0xc2000000);

        public IkeSa Responder { get; }

        /// <summary>The datagram indices of each request, in the order strongSwan sent them.</summary>
        public List<List<int>> Requests { get; } = [];

        /// <summary>Feeds one request (every fragment of it) and returns our single answer, parsed.</summary>
        public IkeMessage Answer(List<int> request)
        {
            Assert.True(IkeMessage.TryParse(AnswerDatagram(request), out IkeMessage? message, out IkeError error), error.Reason);
            Assert.True(message.Header.IsResponse);
            Assert.Equal(Capture.Parse(request[0]).Header.MessageId, message.Header.MessageId);
            Assert.True(ExchangeRules.Check(message, null, out error), error.Reason);
            return message;
        }

        public byte[] AnswerDatagram(List<int> request)
        {
            var datagrams = new List<OutboundDatagram>();
            foreach (int index in request)
            {
                // IKE_SA_INIT came on port 500; encap=yes moved strongSwan to 4500 for the rest.
                int port = index < 2 ? 500 : 4500;
                datagrams.AddRange(Responder.Receive(Capture.Datagrams[index], new IPEndPoint(StrongSwanAddress, port), new IPEndPoint(OurAddress, port)).Datagrams);
            }

            return Assert.Single(datagrams).Data.ToArray();
        }

        /// <summary>Our protected answer opened with the SK_er (and SK_ar) charon logged, its payloads passing the rule table.</summary>
        public List<Payload> Open(IkeMessage response)
        {
            using SkProtection protection = Capture.ProtectionFor(response);
            var payloads = new List<Payload>();
            Assert.True(protection.TryOpen(response.ToArray(), response, payloads, out IkeError error), error.Reason);
            Assert.True(ExchangeRules.Check(response, payloads, out error), error.Reason);
            return payloads;
        }

        /// <summary>The payloads of request <paramref name="number"/> (fragments reassembled), opened with charon's keys.</summary>
        public List<Payload> RequestPayloads(int number)
        {
            List<int> indices = Requests[number];
            if (indices.Count == 1)
            {
                return Capture.Open(indices[0]);
            }

            var reassembler = new FragmentReassembler(ReassemblyLimits.Default, new ManualTime());
            ReassembledMessage? whole = null;
            foreach (int index in indices)
            {
                IkeMessage fragment = Capture.Parse(index);
                using SkProtection protection = Capture.ProtectionFor(fragment);
                Assert.True(protection.TryDecryptContent(Capture.Datagrams[index], fragment, out byte[]? content));
                reassembler.Add(fragment.Header.MessageId, fragment.Fragment!, content, out whole);
            }

            var payloads = new List<Payload>();
            Assert.True(PayloadChain.TryParse(whole!.Payloads.Span, whole.FirstPayload, true, payloads, out IkeError error), error.Reason);
            return payloads;
        }

        public void Dispose()
        {
            Responder.Dispose();
            Host.Installed.ForEach(c => c.Dispose());
            _certificate?.Dispose();
            _ca?.Dispose();
        }

        /// <summary>What strongSwan's responder was configured with in capture.sh, as our settings.</summary>
        private static IkeSaSettings Settings(KeyExchangeGroup group)
        {
            bool cbc = group.Id == KeyExchangeGroupId.Modp2048;
            Assert.True(TransformRegistry.TryGetEncryption(cbc ? EncryptionTransformId.AesCbc : EncryptionTransformId.AesGcm16, 128, out EncryptionAlgorithm? encryption));
            IReadOnlyList<IntegrityAlgorithm> integrity = cbc ? [IntegrityAlgorithms.HmacSha2_256_128] : [];
            return new IkeSaSettings(
                [new IkeProposalSettings([encryption], [StrongSwanCapture.Prf], integrity, [group])],
                IkeIdentity.FromFqdn("right.example.org"),
                IkeIdentity.FromEmail("left@example.org"),
                new PreSharedKey(StrongSwanCapture.PreSharedKey),
                new ChildSaSettings(
                    [new ChildProposalSettings([encryption], integrity)],
                    [TwoPeers.Range("10.2.0.0-10.2.0.255")], [TwoPeers.Range("10.3.0.0-10.3.0.15")], ChildSaMode.Tunnel, TimeSpan.FromHours(1)),
                TimeSpan.FromHours(4),
                RetransmissionSettings.Default,
                FragmentSize: 1280,
                ModeConfigAnswer: new ModeConfigResult([VirtualIp], [IPAddress.Parse("10.2.0.53")], []));
        }
    }
}
