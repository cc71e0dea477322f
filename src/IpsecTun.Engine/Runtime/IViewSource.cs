using IpsecTun.Engine.Control;
using IpsecTun.Engine.Plan;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// The rows of the menus the endpoint does not build itself (installed-sa, policy, statistics and the
/// configured objects), from the live databases and the current plan.
/// </summary>
public interface IViewSource
{
    IReadOnlyList<ViewRow> Rows(ViewMenu menu, EndpointPlan plan, EndpointState state, bool withKeys);
}
