using IpsecTun.Esp;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Plan;

/// <summary>An encrypt policy of a peer and the Child SA settings it negotiates with (proposal, selectors, mode, lifetime).</summary>
public sealed record ChildPlan(SecurityPolicy Policy, ChildSaSettings Settings);
