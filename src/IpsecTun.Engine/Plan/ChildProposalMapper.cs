using IpsecTun.Config;
using IpsecTun.Crypto;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A proposal entry as ESP proposals: AEAD ciphers without integrity, the others with the listed
/// auth-algorithms (<c>null</c> dropped, so a list of only <c>null</c> offers none), each with the
/// pfs-group for CREATE_CHILD_SA. For AH only the auth-algorithms count: AH encrypts nothing.
/// Every proposal carries the endpoint's extended-sequence-numbers, for ESP and AH alike.
/// </summary>
internal static class ChildProposalMapper
{
    public static IReadOnlyList<ChildProposalSettings> Map(
        Proposal proposal, ExtendedSequenceNumberUse esnUse, Ike.Messages.ProtocolId protocol = Ike.Messages.ProtocolId.Esp)
    {
        IReadOnlyList<KeyExchangeGroup>? pfs = proposal.PfsGroup is { } group ? [group] : null;
        IntegrityAlgorithm[] integrity = [.. proposal.AuthAlgorithms.OfType<IntegrityAlgorithm>()];
        EsnPolicy esn = Esn(esnUse);
        if (protocol == Ike.Messages.ProtocolId.Ah)
        {
            return [new ChildProposalSettings([], integrity, pfs, esn)];
        }

        return CipherSplit.Arrange(
            proposal.EncAlgorithms,
            aead => new ChildProposalSettings(aead, [], pfs, esn),
            plain => new ChildProposalSettings(plain, integrity, pfs, esn));
    }

    private static EsnPolicy Esn(ExtendedSequenceNumberUse use) => use switch
    {
        ExtendedSequenceNumberUse.Yes => EsnPolicy.Required,
        ExtendedSequenceNumberUse.Allowed => EsnPolicy.Allowed,
        _ => EsnPolicy.Never,
    };
}
