using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Runtime;

/// <summary>A configuration loaded again for a reload: the new plan, or the errors that keep the old one.</summary>
public sealed record PlanLoadResult(EndpointPlan? Plan, IReadOnlyList<string> Errors);
