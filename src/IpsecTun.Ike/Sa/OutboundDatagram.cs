using System.Net;

namespace IpsecTun.Ike.Sa;

/// <summary>A UDP payload to send from <paramref name="From"/> to <paramref name="To"/>.</summary>
public sealed record OutboundDatagram(ReadOnlyMemory<byte> Data, IPEndPoint From, IPEndPoint To);
