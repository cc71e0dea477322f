namespace IpsecTun.Ike.Sa;

/// <summary>The first reason an IKE SA failed for, with the line that explains it (never key material).</summary>
public sealed record IkeSaFailure(IkeSaFailureKind Kind, string Reason);
