namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Where a policy generated for a responder's Child SA (generate-policy) comes from: the template group and
/// proposal of the template that admitted it, and the peer, as the policy menu shows them.
/// </summary>
public sealed record GeneratedPolicyOrigin(string Group, string Proposal, string? Peer);
