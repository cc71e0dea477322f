using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using IpsecTun.Config;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// Either a plan or every reason the configuration cannot run, never both. The errors name the
/// entry and property the way loading errors do, so the command line prints them alike.
/// </summary>
public sealed record EndpointPlanResult(EndpointPlan? Plan, ImmutableArray<ConfigurationError> Errors)
{
    [MemberNotNullWhen(true, nameof(Plan))]
    public bool Succeeded => Plan is not null;
}
