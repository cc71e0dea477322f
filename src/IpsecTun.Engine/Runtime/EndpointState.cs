using IpsecTun.Esp;

namespace IpsecTun.Engine.Runtime;

/// <summary>The live datapath state a view reads: the SA and policy databases and the counters.</summary>
public sealed record EndpointState(SecurityAssociationDatabase Sad, SecurityPolicyDatabase Spd, IpsecStatistics Statistics, TimeProvider Time);
