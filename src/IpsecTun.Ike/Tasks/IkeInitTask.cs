using System.Security.Cryptography;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tasks;

/// <summary>
/// IKE_SA_INIT (RFC 7296 §1.2): SA proposals, key exchange, nonces and NAT detection, then SK_* derivation.
/// The initiator retries with the group an INVALID_KE_PAYLOAD asks for, if it offered that group.
/// </summary>
internal sealed class IkeInitTask : IkeTask
{
    private KeyExchangeGroup? _group;
    private NotifyPayload? _error;
    private Proposal? _selected;
    private byte[] _publicValue = [];
    private KeyExchange? _keyExchange;
    private byte[]? _cookie;

    public override ExchangeType Exchange => ExchangeType.IkeSaInit;

    public override bool KeepsState => _error is null;

    public override void BuildRequest(IkeSa sa, List<Payload> payloads)
    {
        _group ??= sa.Settings.Proposals[0].Groups[0];
        // A retry after COOKIE repeats every payload unchanged; after INVALID_KE_PAYLOAD only the KE changes.
        if (_keyExchange?.Group != _group)
        {
            _keyExchange?.Dispose();
            _keyExchange = _group.Create(sa.Random);
        }

        if (sa.NonceI.Length == 0)
        {
            sa.NonceI = sa.NewNonce();
        }

        if (_cookie is not null)
        {
            // The responder's cookie goes first (RFC 7296 §2.6).
            payloads.Add(new NotifyPayload(NotifyType.Cookie, _cookie));
        }

        payloads.Add(new SecurityAssociationPayload(ProposalBuilder.Ike(sa.Settings.Proposals)));
        payloads.Add(new KeyExchangePayload(_group.Id, _keyExchange.PublicValue.ToArray()));
        payloads.Add(new NoncePayload(sa.NonceI));
        payloads.AddRange(NatDetection.Notifies(sa.InitiatorSpi, 0, sa.Local, sa.Remote, sa.Settings.ForceUdpEncapsulation));
        if (sa.Settings.FragmentSize is not null)
        {
            payloads.Add(new NotifyPayload(NotifyType.Ikev2FragmentationSupported));
        }

        sa.AddInitAuthenticationPayloads(payloads);
        sa.MoveTo(IkeSaState.InitSent);
    }

    public override TaskOutcome ProcessResponse(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        if (payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.NotifyType == NotifyType.Cookie) is { } cookie)
        {
            if (_cookie is not null && cookie.Data.Span.SequenceEqual(_cookie))
            {
                return Fail(sa, output, IkeSaFailureKind.ProtocolError, "responder rejected our cookie");
            }

            output.Log("responder asked for a cookie; retrying IKE_SA_INIT with it");
            _cookie = cookie.Data.ToArray();
            return TaskOutcome.Retry;
        }

        if (FindError(payloads) is { } error)
        {
            return error.NotifyType == NotifyType.InvalidKePayload ? RetryWithRequestedGroup(sa, error, output)
                : Fail(sa, output, IkeSaFailures.FromNotify(error.NotifyType), $"peer answered {error.NotifyType}");
        }

        var sap = Find<SecurityAssociationPayload>(payloads);
        var ke = Find<KeyExchangePayload>(payloads);
        var nonce = Find<NoncePayload>(payloads);
        if (sap is null || ke is null || nonce is null)
        {
            // A lone status Notify such as COOKIE (not answered yet) leaves nothing to continue with.
            return Fail(sa, output, IkeSaFailureKind.ProtocolError, $"peer answered without SA, KE and Nonce ({string.Join(", ", payloads.OfType<NotifyPayload>().Select(n => n.NotifyType))})");
        }

        var rejections = new List<string>();
        List<Proposal> ours = ProposalBuilder.Ike(sa.Settings.Proposals);
        if (sap.Proposals.Count != 1
            || !ProposalSelector.TrySelect(sap.Proposals, [.. ours.Where(p => p.Number == sap.Proposals[0].Number)], _group!.Id, out Proposal? chosen, rejections)
            || NegotiatedTransforms.FromProposal(chosen) is not { } transforms)
        {
            rejections.ForEach(output.Log);
            return Fail(sa, output, IkeSaFailureKind.NoProposalChosen, "the responder chose a proposal we did not offer");
        }

        if (transforms.Group?.Id != _group.Id || ke.Group != _group.Id)
        {
            return Fail(sa, output, IkeSaFailureKind.NoProposalChosen, $"the responder chose {transforms.Group} and sent KE {ke.Group}, but we sent {_group}");
        }

        sa.NonceR = nonce.Data.ToArray();
        if (!sa.ReadInitAuthenticationPayloads(payloads, output))
        {
            return TaskOutcome.Failed;
        }

        sa.FragmentationAgreed = sa.Settings.FragmentSize is not null && OffersFragmentation(payloads);
        DetectNat(sa, payloads, sa.ResponderSpi, output);
        if (!DeriveKeys(sa, ke, transforms, output))
        {
            return TaskOutcome.Failed;
        }

        sa.SwitchToNatTraversalPort(output);
        return TaskOutcome.Done;
    }

    public override void ProcessRequest(IkeSa sa, IReadOnlyList<Payload> payloads, IkeSaOutput output)
    {
        var sap = Find<SecurityAssociationPayload>(payloads)!;
        var ke = Find<KeyExchangePayload>(payloads)!;
        var rejections = new List<string>();
        if (!ProposalSelector.TrySelect(sap.Proposals, ProposalBuilder.Ike(sa.Settings.Proposals), ke.Group, out _selected, rejections)
            || NegotiatedTransforms.FromProposal(_selected) is not { } transforms)
        {
            sa.NoteFailure(IkeSaFailureKind.NoProposalChosen, "no suitable proposal found", output);
            rejections.ForEach(output.Log);
            _error = new NotifyPayload(NotifyType.NoProposalChosen);
            return;
        }

        if (transforms.Group!.Id != ke.Group)
        {
            output.Log($"KE payload carries {ke.Group}, the selected proposal needs {transforms.Group}: INVALID_KE_PAYLOAD");
            _error = new NotifyPayload(NotifyType.InvalidKePayload, NotifyData.InvalidKeGroup(transforms.Group.Id));
            return;
        }

        _group = transforms.Group;
        _keyExchange = sa.ReplayedInit?.KeyExchange ?? _group.Create(sa.Random);
        sa.NonceI = Find<NoncePayload>(payloads)!.Data.ToArray();
        sa.NonceR = sa.ReplayedInit?.Nonce ?? sa.NewNonce();
        sa.ResponderSpi = sa.ReplayedInit?.Spi ?? sa.NewSpi();
        sa.ReadInitAuthenticationPayloads(payloads, output);
        sa.FragmentationAgreed = sa.Settings.FragmentSize is not null && OffersFragmentation(payloads);
        DetectNat(sa, payloads, 0, output);
        if (!DeriveKeys(sa, ke, transforms, output))
        {
            _error = new NotifyPayload(NotifyType.InvalidSyntax);
        }
    }

    public override void BuildResponse(IkeSa sa, List<Payload> payloads, IkeSaOutput output)
    {
        if (_error is not null)
        {
            payloads.Add(_error);
            if (_error.NotifyType != NotifyType.InvalidKePayload)
            {
                sa.ResponderSpi = 0;
                sa.Close(output, IkeSaState.Failed);
            }

            return;
        }

        payloads.Add(new SecurityAssociationPayload([new Proposal(_selected!.Number, ProtocolId.Ike, default, _selected.Transforms)]));
        payloads.Add(new KeyExchangePayload(_group!.Id, _publicValue));
        payloads.Add(new NoncePayload(sa.NonceR));
        payloads.AddRange(NatDetection.Notifies(sa.InitiatorSpi, sa.ResponderSpi, sa.Local, sa.Remote, sa.Settings.ForceUdpEncapsulation));
        if (sa.FragmentationAgreed)
        {
            payloads.Add(new NotifyPayload(NotifyType.Ikev2FragmentationSupported));
        }

        sa.AddInitAuthenticationPayloads(payloads);
    }

    private static bool OffersFragmentation(IReadOnlyList<Payload> payloads) =>
        payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.Ikev2FragmentationSupported);

    private TaskOutcome RetryWithRequestedGroup(IkeSa sa, NotifyPayload error, IkeSaOutput output)
    {
        KeyExchangeGroupId requested = NotifyData.ReadInvalidKeGroup(error);
        KeyExchangeGroup? group = sa.Settings.Proposals.SelectMany(p => p.Groups).FirstOrDefault(g => g.Id == requested);
        if (group is null || group == _group)
        {
            return Fail(sa, output, IkeSaFailureKind.NoProposalChosen, $"peer asked for key exchange group {requested}, which we do not offer");
        }

        output.Log($"peer asked for {group} instead of {_group}; retrying IKE_SA_INIT");
        _group = group;
        return TaskOutcome.Retry;
    }

    private static void DetectNat(IkeSa sa, IReadOnlyList<Payload> payloads, ulong responderSpi, IkeSaOutput output)
    {
        if (NatDetection.Check(payloads, sa.InitiatorSpi, responderSpi, sa.ReceivedFrom!, sa.ReceivedTo!) is var (local, remote))
        {
            // Forcing UDP encapsulation, this side acts as if behind the NAT its own hash made the peer see.
            local |= sa.Settings.ForceUdpEncapsulation;
            sa.LocalBehindNat = local;
            sa.RemoteBehindNat = remote;
            if (local || remote)
            {
                output.Log($"NAT detected: {(local ? "this side" : "")}{(local && remote ? " and " : "")}{(remote ? "the peer" : "")}");
            }
        }
    }

    private bool DeriveKeys(IkeSa sa, KeyExchangePayload ke, NegotiatedTransforms transforms, IkeSaOutput output)
    {
        byte[] shared = new byte[_group!.SharedSecretSize];
        try
        {
            _publicValue = _keyExchange!.PublicValue.ToArray();
            if (!_keyExchange.TryComputeSharedSecret(ke.Data.Span, shared, out KeyExchangeError failure))
            {
                output.Log($"peer's {_group} public value rejected: {failure}");
                return false;
            }

            sa.EstablishKeys(transforms, shared);
            output.Log($"IKE SA keys derived with {transforms.Encryption}/{transforms.Integrity?.Name ?? "aead"}/prf-{transforms.Prf}/{_group}");
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            _keyExchange!.Dispose();
        }
    }

    private static TaskOutcome Fail(IkeSa sa, IkeSaOutput output, IkeSaFailureKind failure, string reason)
    {
        sa.NoteFailure(failure, reason, output);
        return TaskOutcome.Failed;
    }
}
