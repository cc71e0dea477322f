using System.Net;
using BenchmarkDotNet.Attributes;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Messages.Rules;
using IpsecTun.Ike.Protection;

namespace IpsecTun.Benchmarks;

/// <summary>
/// The IKE codec on messages shaped like strongSwan's: parsing an IKE_SA_INIT request, and sealing and
/// opening (parse, ICV, decrypt, inner parse, rule check) an IKE_AUTH request under AES-GCM-16.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet releases it in GlobalCleanup.")]
public class IkeMessageBenchmarks
{
    private static readonly IkeHeader AuthHeader = new(1, 2, PayloadType.None, ExchangeType.IkeAuth, IkeHeaderFlags.Initiator, 1, 0);

    private readonly List<Payload> _inner = [];
    private byte[] _init = null!;
    private byte[] _auth = null!;
    private Payload[] _authPayloads = null!;
    private SkProtection _protection = null!;

    [GlobalSetup]
    public void Setup()
    {
        var init = new IkeMessage(new IkeHeader(1, 0, PayloadType.None, ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, 0, 0),
        [
            new SecurityAssociationPayload([new Proposal(1, ProtocolId.Ike, default,
            [
                new Transform(TransformType.Encryption, (ushort)EncryptionTransformId.AesGcm16, [TransformAttribute.KeyLength(128)]),
                new Transform(TransformType.PseudorandomFunction, (ushort)PrfTransformId.HmacSha2_256),
                new Transform(TransformType.KeyExchange, (ushort)KeyExchangeGroupId.Ecp256),
            ])]),
            new KeyExchangePayload(KeyExchangeGroupId.Ecp256, new byte[64]),
            new NoncePayload(new byte[32]),
            new NotifyPayload(NotifyType.NatDetectionSourceIp, new byte[20]),
            new NotifyPayload(NotifyType.NatDetectionDestinationIp, new byte[20]),
            new NotifyPayload(NotifyType.Ikev2FragmentationSupported),
            new NotifyPayload(NotifyType.SignatureHashAlgorithms, NotifyData.SignatureHashAlgorithms([2, 3, 4])),
        ]);
        _init = init.ToArray();

        _authPayloads =
        [
            IdentificationPayload.FromText(PayloadType.IdInitiator, IdentificationType.Rfc822Address, "left@example.org"),
            new NotifyPayload(NotifyType.InitialContact),
            IdentificationPayload.FromText(PayloadType.IdResponder, IdentificationType.Fqdn, "right.example.org"),
            new AuthenticationPayload(AuthMethod.SharedKeyMessageIntegrityCode, new byte[32]),
            new ConfigurationPayload(ConfigurationType.Request, [new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address)]),
            new SecurityAssociationPayload([new Proposal(1, ProtocolId.Esp, new byte[4],
                [new Transform(TransformType.Encryption, (ushort)EncryptionTransformId.AesGcm16, [TransformAttribute.KeyLength(128)])])]),
            new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, [TrafficSelector.AddressRange(IPAddress.Any, IPAddress.Broadcast)]),
            new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, [TrafficSelector.AddressRange(IPAddress.Parse("10.2.0.0"), IPAddress.Parse("10.2.0.255"))]),
            new NotifyPayload(NotifyType.MobikeSupported),
        ];
        if (!TransformRegistry.TryGetEncryption(EncryptionTransformId.AesGcm16, 128, out EncryptionAlgorithm? gcm))
        {
            throw new InvalidOperationException("AES-GCM-16 is not registered.");
        }

        _protection = new SkProtection(gcm, new byte[gcm.KeyMaterialSize], null, default, RandomSource.System);
        _auth = _protection.Protect(AuthHeader, _authPayloads);
    }

    [GlobalCleanup]
    public void Cleanup() => _protection.Dispose();

    [Benchmark]
    public bool ParseIkeSaInit() => IkeMessage.TryParse(_init, out IkeMessage? message, out _) && ExchangeRules.Check(message, null, out _);

    [Benchmark]
    public byte[] ProtectIkeAuth() => _protection.Protect(AuthHeader, _authPayloads);

    [Benchmark]
    public bool OpenIkeAuth()
    {
        _inner.Clear();
        return IkeMessage.TryParse(_auth, out IkeMessage? message, out _)
            && _protection.TryOpen(_auth, message, _inner, out _)
            && ExchangeRules.Check(message, _inner, out _);
    }
}
