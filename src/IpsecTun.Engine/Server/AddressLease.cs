using System.Net;

namespace IpsecTun.Engine.Server;

/// <summary>An address (or for IPv6 pools a prefix) handed to one client through mode-config.</summary>
/// <param name="Pool">The pool the address came from, which is the requested one or one of its next-pools.</param>
/// <param name="RequestedPool">The pool the mode-config names; a lease is held per client identity and requested pool.</param>
/// <param name="Address">The address, or for an IPv6 prefix lease its first address.</param>
/// <param name="PrefixLength">32 for IPv4; for IPv6 the allocator's lease length.</param>
/// <param name="Identity">The client's authenticated identity the lease belongs to.</param>
public sealed record AddressLease(string RequestedPool, string Pool, IPAddress Address, int PrefixLength, string Identity);
