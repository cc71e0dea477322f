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
    /// Negotiates against the child settings and installs the Child SA when everything fits. TSi is narrowed
    /// to <paramref name="remoteSelectors"/> when given, else to the addresses this responder assigned by
    /// mode-config, else to the settings'. An identity that generates policies has its selectors checked by the
    /// host's templates instead (<see cref="IResponderConfiguration.GenerateSelectors"/>).
    /// </summary>
    public void Negotiate(
        IkeSa sa, IReadOnlyList<Payload> payloads, bool withPfs, ReadOnlySpan<byte> nonceI, ReadOnlySpan<byte> nonceR, IkeSaOutput output,
        IReadOnlyList<TrafficSelector>? remoteSelectors = null)
    {
        var kei = payloads.OfType<KeyExchangePayload>().FirstOrDefault();
        ChildSaSettings child = sa.Settings.Child;
        var sap = payloads.OfType<SecurityAssociationPayload>().First();
        var offeredTsi = payloads.OfType<TrafficSelectorPayload>().First(p => p.Type == PayloadType.TrafficSelectorInitiator).Selectors;
        var offeredTsr = payloads.OfType<TrafficSelectorPayload>().First(p => p.Type == PayloadType.TrafficSelectorResponder).Selectors;
        var rejections = new List<string>();
        if (!ProposalSelector.TrySelect(sap.Proposals, ProposalBuilder.Child(child.Proposals, child.Protocol, 0, withPfs), kei?.Group ?? 0, out _proposal, rejections)
            || NegotiatedTransforms.FromProposal(_proposal) is not { } transforms)
        {
            output.Log("no suitable proposal found for the Child SA");
            rejections.ForEach(output.Log);
            Refuse(NotifyType.NoProposalChosen, output);
            return;
        }

        remoteSelectors ??= ModeConfigResponder.AssignedSelectors(sa);
        if (sa.Configuration?.GenerateSelectors(
            sa.Settings, remoteSelectors is null ? offeredTsi : TrafficSelectorNarrowing.Narrow(offeredTsi, remoteSelectors), offeredTsr) is { } generated)
        {
            // The host may only narrow: anything outside the proposal is refused rather than sent.
            bool subset = TrafficSelectorNarrowing.IsSubset(generated.Initiator, offeredTsi) && TrafficSelectorNarrowing.IsSubset(generated.Responder, offeredTsr);
            _tsi = subset ? [.. generated.Initiator] : [];
            _tsr = subset ? [.. generated.Responder] : [];
            if (generated.IsRefused || !subset)
            {
                output.Log($"no policy template admits TSi {string.Join(", ", offeredTsi)} TSr {string.Join(", ", offeredTsr)}");
            }
        }
        else
        {
            _tsi = TrafficSelectorNarrowing.Narrow(offeredTsi, remoteSelectors ?? child.RemoteSelectors);
            _tsr = TrafficSelectorNarrowing.Narrow(offeredTsr, child.LocalSelectors);
        }

        if (_tsi.Count == 0 || _tsr.Count == 0)
        {
            output.Log($"traffic selectors unacceptable: TSi {string.Join(", ", offeredTsi)} TSr {string.Join(", ", offeredTsr)}");
            Refuse(NotifyType.TsUnacceptable, output);
            return;
        }

        byte[] shared = [];
        if (transforms.Group is { } group)
        {
            if (kei?.Group != group.Id)
            {
                output.Log($"PFS needs {group}, the request carries {kei?.Group.ToString() ?? "no KE"}: INVALID_KE_PAYLOAD");
                _error = new NotifyPayload(NotifyType.InvalidKePayload, NotifyData.InvalidKeGroup(group.Id));
                output.Raise(IkeSaEventKind.ChildSaFailed, "Child SA refused: InvalidKePayload");
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
            sa, _proposal.Protocol, transforms, _transport ? ChildSaMode.Transport : ChildSaMode.Tunnel, _inboundSpi, ChildSaInstaller.ReadSpi(_proposal),
            _tsr, _tsi, shared, nonceI, nonceR, output);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(shared);
    }

    public void Refuse(NotifyType error, IkeSaOutput output)
    {
        _error = new NotifyPayload(error);
        output.Raise(IkeSaEventKind.ChildSaFailed, $"Child SA refused: {error}");
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
