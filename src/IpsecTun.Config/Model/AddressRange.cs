using System.Net;

namespace IpsecTun.Config;

/// <summary>An inclusive range of addresses of one family (<c>192.168.77.2-192.168.77.254</c>).</summary>
public sealed record AddressRange(IPAddress First, IPAddress Last)
{
    public override string ToString() => First.Equals(Last) ? First.ToString() : $"{First}-{Last}";
}
