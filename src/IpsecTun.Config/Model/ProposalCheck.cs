namespace IpsecTun.Config;

/// <summary>A profile's proposal-check: how a responder treats the phase 2 lifetime an initiator proposes.</summary>
public enum ProposalCheck
{
    /// <summary>Take the shorter of proposed and configured lifetimes and tell the initiator.</summary>
    Claim,

    /// <summary>Require the lifetimes to be equal.</summary>
    Exact,

    /// <summary>Accept whatever the initiator sends.</summary>
    Obey,

    /// <summary>Reject a proposed lifetime longer than the configured one, otherwise accept it.</summary>
    Strict,
}
