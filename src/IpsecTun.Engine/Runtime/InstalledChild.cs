using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// A Child SA in the datapath: both directions, the policy they serve, and whether that policy was added
/// for this SA alone (and goes with it).
/// </summary>
internal sealed record InstalledChild(SecurityAssociation Inbound, SecurityAssociation Outbound, SecurityPolicy Policy, bool DynamicPolicy);
