using System.Buffers.Binary;
using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// CREATE_CHILD_SA that rekeys the IKE SA (RFC 7296 §1.3.2, §2.18): {SA (IKE proposals with the new SPI),
/// Ni, KEi} answered by {SA, Nr, KEr}. SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr); the rekey
/// initiator is the initiator of the new SA. The old SA refuses the exchange with TEMPORARY_FAILURE
/// while it is replaced or deleted or while a Child SA exchange of ours is under way (§2.25.2).
/// </summary>
internal sealed class IkeRekeyTask : IkeTask
{
    private const int IkeSpiSize = 8;

    private KeyExchangeGroup? _group;
    private KeyExchange? _keyExchange;
    private ulong _spi;
    private byte[] _nonceI = [];
    private byte[] _nonceR = [];
    private NotifyPayload? _error;
    private Proposal? _selected;
    private byte[] _publicValue = [];

    public override ExchangeType Exchange => ExchangeType.CreateChildSa;

    /// <summary>A CREATE_CHILD_SA request proposing the IKE protocol rekeys the IKE SA; one for ESP or AH creates a Child SA.</summary>
    public static bool IsIkeRekey(IReadOnlyList<Payload> payloads) =>
        payloads.OfType<SecurityAssociationPayload>().FirstOrDefault() is { Proposals: [{ Protocol: ProtocolId.Ike }, ..] };

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        // The group of the current SA first, so that a peer with the same profile accepts the first offer.
        _group ??= sa.Settings.Proposals.SelectMany(p => p.Groups).FirstOrDefault(g => g == sa.Transforms!.Group)
            ?? sa.Settings.Proposals[0].Groups[0];
        if (_keyExchange?.Group != _group)
        {
            _keyExchange?.Dispose();
            _keyExchange = _group.Create(sa.Random);
        }

        if (_spi == 0)
        {
            _spi = sa.NewSpi();
        }

        _nonceI = sa.NewNonce();
        payloads.Add(new SecurityAssociationPayload(ProposalBuilder.Ike(sa.Settings.Proposals, ProposalBuilder.SpiBytes(_spi))));
        payloads.Add(new NoncePayload(_nonceI));
        payloads.Add(new KeyExchangePayload(_group.Id, _keyExchange.PublicValue.ToArray()));
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (FindError(payloads) is { } error)
        {
            if (error.NotifyType == NotifyType.InvalidKePayload && RequestedGroup(sa, error) is { } group && group != _group)
            {
                output.Log($"peer asked for {group} instead of {_group}; retrying the IKE SA rekey");
                _group = group;
                return TaskOutcome.Retry;
            }

            return Failed(sa, output, $"peer refused the IKE SA rekey: {error.NotifyType}");
        }

        var sap = Find<SecurityAssociationPayload>(payloads);
        var ke = Find<KeyExchangePayload>(payloads);
        var nonce = Find<NoncePayload>(payloads);
        var rejections = new List<string>();
        List<Proposal> ours = ProposalBuilder.Ike(sa.Settings.Proposals, new byte[IkeSpiSize]);
        if (sap is null || ke is null || nonce is null || sap.Proposals.Count != 1
            || !ProposalSelector.TrySelect(sap.Proposals, [.. ours.Where(p => p.Number == sap.Proposals[0].Number)], _group!.Id, out Proposal? chosen, rejections)
            || NegotiatedTransforms.FromProposal(chosen) is not { Prf: not null } transforms
            || transforms.Group?.Id != _group.Id || ke.Group != _group.Id || ReadSpi(chosen) is not (> 0 and var peerSpi))
        {
            rejections.ForEach(output.Log);
            return Failed(sa, output, "the IKE SA rekey response does not match what we offered");
        }

        _nonceR = nonce.Data.ToArray();
        if (Derive(sa, ke, transforms, _spi, peerSpi, output) is not { } keys)
        {
            return Failed(sa, output, "the peer's key exchange for the IKE SA rekey does not fit");
        }

        IkeSa successor = IkeSa.CreateRekeyed(sa, isInitiator: true, _spi, peerSpi, transforms, keys);
        sa.CompleteIkeRekey(successor, LowestNonce.Of(_nonceI, _nonceR), output);
        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (sa.State != IkeSaState.Established || sa.ActiveTask is CreateChildTask || sa.ActiveTask is InformationalTask { DeletesChildSas: true })
        {
            output.Log($"IKE SA rekey refused while the SA is {sa.State} or a Child SA exchange is under way");
            _error = new NotifyPayload(NotifyType.TemporaryFailure);
            return;
        }

        var sap = Find<SecurityAssociationPayload>(payloads)!;
        var ke = Find<KeyExchangePayload>(payloads);
        _nonceI = Find<NoncePayload>(payloads)!.Data.ToArray();
        var rejections = new List<string>();
        if (ke is null
            || !ProposalSelector.TrySelect(sap.Proposals, ProposalBuilder.Ike(sa.Settings.Proposals, new byte[IkeSpiSize]), ke.Group, out _selected, rejections)
            || NegotiatedTransforms.FromProposal(_selected) is not { Prf: not null, Group: not null } transforms
            || ReadSpi(_selected) is not (> 0 and var peerSpi))
        {
            output.Log("no suitable proposal found for the IKE SA rekey");
            rejections.ForEach(output.Log);
            _error = new NotifyPayload(NotifyType.NoProposalChosen);
            return;
        }

        if (transforms.Group.Id != ke.Group)
        {
            output.Log($"KE payload carries {ke.Group}, the selected proposal needs {transforms.Group}: INVALID_KE_PAYLOAD");
            _error = new NotifyPayload(NotifyType.InvalidKePayload, NotifyData.InvalidKeGroup(transforms.Group.Id));
            return;
        }

        _group = transforms.Group;
        _keyExchange = _group.Create(sa.Random);
        _nonceR = sa.NewNonce();
        _spi = sa.NewSpi();
        if (Derive(sa, ke, transforms, peerSpi, _spi, output) is not { } keys)
        {
            _error = new NotifyPayload(NotifyType.InvalidSyntax);
            return;
        }

        IkeSa successor = IkeSa.CreateRekeyed(sa, isInitiator: false, peerSpi, _spi, transforms, keys);
        sa.AcceptPeerIkeRekey(successor, LowestNonce.Of(_nonceI, _nonceR), output);
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_error is not null)
        {
            payloads.Add(_error);
            return;
        }

        payloads.Add(new SecurityAssociationPayload([new Proposal(_selected!.Number, ProtocolId.Ike, ProposalBuilder.SpiBytes(_spi), _selected.Transforms)]));
        payloads.Add(new NoncePayload(_nonceR));
        payloads.Add(new KeyExchangePayload(_group!.Id, _publicValue));
    }

    private static KeyExchangeGroup? RequestedGroup(IkeSa sa, NotifyPayload error)
    {
        KeyExchangeGroupId requested = NotifyData.ReadInvalidKeGroup(error);
        return sa.Settings.Proposals.SelectMany(p => p.Groups).FirstOrDefault(g => g.Id == requested);
    }

    private static ulong ReadSpi(Proposal proposal) =>
        proposal.Spi.Length == IkeSpiSize ? BinaryPrimitives.ReadUInt64BigEndian(proposal.Spi.Span) : 0;

    private static TaskOutcome Failed(IkeSa sa, IkeSaOutput output, string reason)
    {
        output.Log(reason);
        sa.IkeRekeyFailed(output);
        return TaskOutcome.Done;
    }

    /// <summary>The new SA's keys from the old SK_d and this exchange's g^ir, nonces and SPIs.</summary>
    private IkeSaKeys? Derive(IkeSa sa, KeyExchangePayload ke, NegotiatedTransforms transforms, ulong initiatorSpi, ulong responderSpi, IkeSaOutput output)
    {
        byte[] shared = new byte[_group!.SharedSecretSize];
        Span<byte> spiI = stackalloc byte[IkeSpiSize];
        Span<byte> spiR = stackalloc byte[IkeSpiSize];
        BinaryPrimitives.WriteUInt64BigEndian(spiI, initiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(spiR, responderSpi);
        try
        {
            _publicValue = _keyExchange!.PublicValue.ToArray();
            if (!_keyExchange.TryComputeSharedSecret(ke.Data.Span, shared, out KeyExchangeError failure))
            {
                output.Log($"peer's {_group} public value rejected: {failure}");
                return null;
            }

            return IkeSaKeys.DeriveRekeyed(
                sa.Transforms!.Prf!, sa.Keys.SkD, transforms.Prf!, shared, _nonceI, _nonceR, spiI, spiR,
                transforms.Integrity?.KeySize ?? 0, transforms.Encryption!.KeyMaterialSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            _keyExchange!.Dispose();
        }
    }
}
