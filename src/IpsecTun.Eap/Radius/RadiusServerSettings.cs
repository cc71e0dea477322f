using System.Net;

namespace IpsecTun.Eap.Radius;

/// <summary>One RADIUS server: where it listens (authentication and accounting ports apart) and the shared secret.</summary>
public sealed record RadiusServerSettings(IPEndPoint Authentication, IPEndPoint Accounting, byte[] SharedSecret)
{
    /// <summary>Names the server without its secret.</summary>
    public override string ToString() => $"RADIUS server {Authentication} (accounting {Accounting})";
}
