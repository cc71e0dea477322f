using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// The responder's half of a Child SA negotiation: ESP proposal selection, traffic selector narrowing
/// against the policy (RFC 7296 §2.9), mode, installation, and the payloads (or the Notify) to answer with.
/// </summary>
internal sealed class ChildSaAnswer
{
    private Proposal? _proposal;
    private NotifyPayload? _error;
    private uint _inboundSpi;
    private bool _transport;
    private List<TrafficSelector> _tsi = [];
    private List<TrafficSelector> _tsr = [];
    private KeyExchangePayload? _keyExchangeResponse;

    public bool Failed => _error is not null;

    /// <summary>The Child SA installed by <see cref="Negotiate"/>, if it succeeded.</summary>
    public ChildSaReference? Installed { get; private set; }

    /// <summary>
    /// Negotiates against <paramref name="candidates"/> (the Child SA settings that may serve the request, in
    /// preference order): the first whose selectors the offer fits and one of whose proposals is acceptable
    /// is used, and the Child SA installed. TSi is narrowed to <paramref name="remoteSelectors"/> when given (a
    /// mode-config client's virtual address), else to the addresses this responder assigned by mode-config, else to
    /// the settings'. An identity that generates policies has its selectors checked by the host's templates instead
    /// (<see cref="IResponderConfiguration.GenerateSelectors"/>).
    /// </summary>
    public void Negotiate(
        IkeSa sa, IReadOnlyList<ChildSaSettings> candidates, IReadOnlyList<Payload> payloads, bool withPfs, ReadOnlySpan<byte> nonceI,
        ReadOnlySpan<byte> nonceR, IkeSaOutput output, IReadOnlyList<TrafficSelector>? remoteSelectors = null)
    {
        var kei = payloads.OfType<KeyExchangePayload>().FirstOrDefault();
        var sap = payloads.OfType<SecurityAssociationPayload>().First();
        var offeredTsi = payloads.OfType<TrafficSelectorPayload>().First(p => p.Type == PayloadType.TrafficSelectorInitiator).Selectors;
        var offeredTsr = payloads.OfType<TrafficSelectorPayload>().First(p => p.Type == PayloadType.TrafficSelectorResponder).Selectors;
        var rejections = new List<string>();
        remoteSelectors ??= ModeConfigResponder.AssignedSelectors(sa);
        (List<TrafficSelector> Tsi, List<TrafficSelector> Tsr)? generated = Generated(sa, offeredTsi, offeredTsr, remoteSelectors, output);
        bool selectorsFit = false;
        ChildSaSettings? child = null;
        NegotiatedTransforms? transforms = null;
        foreach (ChildSaSettings candidate in generated is null ? Serving(candidates, offeredTsi, offeredTsr, remoteSelectors) : candidates)
        {
            (List<TrafficSelector> tsi, List<TrafficSelector> tsr) = generated ?? (
                TrafficSelectorNarrowing.Narrow(offeredTsi, remoteSelectors ?? candidate.RemoteSelectors),
                TrafficSelectorNarrowing.Narrow(offeredTsr, candidate.LocalSelectors));
            if (tsi.Count == 0 || tsr.Count == 0)
            {
                continue;
            }

            selectorsFit = true;
            if (ProposalSelector.TrySelect(sap.Proposals, ProposalBuilder.Child(candidate.Proposals, candidate.Protocol, 0, withPfs), kei?.Group ?? 0, out _proposal, rejections)
                && NegotiatedTransforms.FromProposal(_proposal) is { } selected)
            {
                (child, transforms, _tsi, _tsr) = (candidate, selected, tsi, tsr);
                break;
            }
        }

        if (!selectorsFit)
        {
            output.Log($"traffic selectors unacceptable: TSi {string.Join(", ", offeredTsi)} TSr {string.Join(", ", offeredTsr)}");
            Refuse(NotifyType.TsUnacceptable, output);
            return;
        }

        if (child is null || transforms is null || _proposal is null)
        {
            output.Log("no suitable proposal found for the Child SA");
            rejections.ForEach(output.Log);
            Refuse(NotifyType.NoProposalChosen, output);
            return;
        }

        byte[] shared = [];
        if (transforms.Group is { } group)
        {
            if (kei?.Group != group.Id)
            {
                output.Log($"PFS needs {group}, the request carries {kei?.Group.ToString() ?? "no KE"}: INVALID_KE_PAYLOAD");
                _error = new NotifyPayload(NotifyType.InvalidKePayload, NotifyData.InvalidKeGroup(group.Id));
                output.Raise(IkeSaEventKind.ChildSaFailed, "Child SA refused: InvalidKePayload", IkeSaFailureKind.NoProposalChosen);
                return;
            }

            using KeyExchange exchange = group.Create(sa.Random);
            if (!PfsSecret.TryCompute(exchange, group, kei, out shared, output))
            {
                Refuse(NotifyType.InvalidSyntax, output);
                return;
            }

            _keyExchangeResponse = new KeyExchangePayload(group.Id, exchange.PublicValue.ToArray());
        }

        _transport = child.Mode == ChildSaMode.Transport && payloads.OfType<NotifyPayload>().Any(n => n.NotifyType == NotifyType.UseTransportMode);
        _inboundSpi = sa.Host.AllocateSpi(_proposal.Protocol);
        Installed = ChildSaInstaller.Install(
            sa, exchangeInitiator: false, child, _proposal.Protocol, transforms, _transport ? ChildSaMode.Transport : ChildSaMode.Tunnel, _inboundSpi, ChildSaInstaller.ReadSpi(_proposal),
            _tsr, _tsi, shared, nonceI, nonceR, output);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(shared);
    }

    /// <summary>
    /// The candidates that may serve a request: a request that lies within the selectors of a unique policy (level=unique)
    /// is that policy's alone, so only its settings may serve it, even when an earlier policy's would fit too.
    /// </summary>
    private static IReadOnlyList<ChildSaSettings> Serving(
        IReadOnlyList<ChildSaSettings> candidates, IReadOnlyList<TrafficSelector> offeredTsi, IReadOnlyList<TrafficSelector> offeredTsr,
        IReadOnlyList<TrafficSelector>? remoteSelectors) =>
        candidates.FirstOrDefault(c => c.Unique
            && TrafficSelectorNarrowing.IsSubset(offeredTsi, remoteSelectors ?? c.RemoteSelectors)
            && TrafficSelectorNarrowing.IsSubset(offeredTsr, c.LocalSelectors)) is { } owner
            ? [owner]
            : candidates;

    /// <summary>
    /// The selectors the host agrees on for an identity that generates policies (empty when refused), or null when
    /// the Child SA settings' selectors apply. The host may only narrow: anything outside the proposal is refused.
    /// </summary>
    private static (List<TrafficSelector> Tsi, List<TrafficSelector> Tsr)? Generated(
        IkeSa sa, IReadOnlyList<TrafficSelector> offeredTsi, IReadOnlyList<TrafficSelector> offeredTsr, IReadOnlyList<TrafficSelector>? remoteSelectors,
        IkeSaOutput output)
    {
        if (sa.Configuration?.GenerateSelectors(
            sa.Settings, remoteSelectors is null ? offeredTsi : TrafficSelectorNarrowing.Narrow(offeredTsi, remoteSelectors), offeredTsr) is not { } generated)
        {
            return null;
        }

        bool subset = TrafficSelectorNarrowing.IsSubset(generated.Initiator, offeredTsi) && TrafficSelectorNarrowing.IsSubset(generated.Responder, offeredTsr);
        if (generated.IsRefused || !subset)
        {
            output.Log($"no policy template admits TSi {string.Join(", ", offeredTsi)} TSr {string.Join(", ", offeredTsr)}");
            return ([], []);
        }

        return ([.. generated.Initiator], [.. generated.Responder]);
    }

    public void Refuse(NotifyType error, IkeSaOutput output)
    {
        _error = new NotifyPayload(error);
        output.Raise(IkeSaEventKind.ChildSaFailed, $"Child SA refused: {error}", IkeSaFailures.FromNotify(error));
    }

    /// <summary>SA, TSi and TSr of the installed Child SA, or the error Notify. <paramref name="beforeSa"/> goes between (e.g. Nr).</summary>
    public void AddPayloads(List<Payload> payloads, params Payload[] beforeSa)
    {
        if (_error is not null)
        {
            payloads.Add(_error);
            return;
        }

        if (_transport)
        {
            payloads.Add(new NotifyPayload(NotifyType.UseTransportMode));
        }

        payloads.Add(new SecurityAssociationPayload(
            [new Proposal(_proposal!.Number, _proposal.Protocol, ProposalBuilder.SpiBytes(_inboundSpi), _proposal.Transforms)]));
        payloads.AddRange(beforeSa);
        if (_keyExchangeResponse is not null)
        {
            payloads.Add(_keyExchangeResponse);
        }

        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, _tsi));
        payloads.Add(new TrafficSelectorPayload(PayloadType.TrafficSelectorResponder, _tsr));
    }
}
