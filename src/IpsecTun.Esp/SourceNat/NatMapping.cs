namespace IpsecTun.Esp;

/// <summary>What a lookup hands back to rewrite a packet with, copied out of the table under its lock.</summary>
internal readonly record struct NatMapping(uint InsideAddress, ushort InsidePort, ushort ExternalPort);
