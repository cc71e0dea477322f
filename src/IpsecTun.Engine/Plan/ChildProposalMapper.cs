using IpsecTun.Config;
using IpsecTun.Crypto;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// A proposal entry as ESP proposals: AEAD ciphers without integrity, the others with the listed
/// auth-algorithms (<c>null</c> dropped, so a list of only <c>null</c> offers none), each with the
/// pfs-group for CREATE_CHILD_SA. For AH only the auth-algorithms count: AH encrypts nothing.
/// </summary>
internal static class ChildProposalMapper
{
    public static IReadOnlyList<ChildProposalSettings> Map(Proposal proposal, Ike.Messages.ProtocolId protocol = Ike.Messages.ProtocolId.Esp)
    {
        IReadOnlyList<KeyExchangeGroup>? pfs = proposal.PfsGroup is { } group ? [group] : null;
        IntegrityAlgorithm[] integrity = [.. proposal.AuthAlgorithms.OfType<IntegrityAlgorithm>()];
        if (protocol == Ike.Messages.ProtocolId.Ah)
        {
            return [new ChildProposalSettings([], integrity, pfs)];
        }

        return CipherSplit.Arrange(
            proposal.EncAlgorithms,
            aead => new ChildProposalSettings(aead, [], pfs),
            plain => new ChildProposalSettings(plain, integrity, pfs));
    }
}
